package dev.nas.core.controller.bayes;

import dev.nas.core.study.StudyView;
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The untried candidates an acquisition is maximised over: random samples of the space, from the next trial's
 * stream, and every one-decision neighbour of a few anchors (the best trials so far), where improvements are likely.
 */
final class CandidatePool {

    static final int SAMPLES = 400;

    private CandidatePool() {
    }

    static List<Candidate> of(StudyView study, CandidateCodec codec, List<Candidate> anchors, Set<Candidate> tried) {
        Set<Candidate> pool = new LinkedHashSet<>();
        SplittableRandom random = study.random();
        for (int i = 0; i < SAMPLES; i++) {
            pool.add(codec.sample(random));
        }
        Actions actions = Actions.of(codec);
        for (Candidate anchor : anchors) {
            int[] decisions = actions.actions(anchor);
            for (int d = 0; d < decisions.length; d++) {
                for (int v = 0; v < actions.sizes()[d]; v++) {
                    int[] neighbour = decisions.clone();
                    neighbour[d] = v;
                    pool.add(actions.candidate(neighbour));
                }
            }
        }
        pool.removeAll(tried);
        return new ArrayList<>(pool);
    }

    /** Why there is nothing to propose. */
    static String exhausted() {
        return "no untried candidate left near the trials or among " + SAMPLES + " samples";
    }
}
