package dev.nas.core.controller.random;

import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Uniform random candidates at full fidelity. Trial n's candidate is drawn from the stream for (study seed, n);
 * a candidate already tried, or known from a warm start, is drawn again, so small spaces are not wasted on repeats.
 */
public final class RandomSearch implements Controller {

    private static final int DRAWS = 1000;

    @Override
    public Decision ask(StudyView study) {
        CandidateCodec codec = study.spec().space().codec();
        Set<Candidate> tried = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        SplittableRandom random = study.random();
        for (int draw = 0; draw < DRAWS; draw++) {
            Candidate candidate = codec.sample(random);
            if (!tried.contains(candidate)) {
                return new Decision.Start(candidate, study.spec().fullEpochs(), Map.of());
            }
        }
        return new Decision.Stop(DRAWS + " draws found no candidate that was not tried already");
    }
}
