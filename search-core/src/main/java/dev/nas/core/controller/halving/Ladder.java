package dev.nas.core.controller.halving;

import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Ranking;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A study's trials as successive halving sees them: each at a rung (attribute {@value #RUNG}), optionally in a
 * bracket ({@value #BRACKET}), promoted or not. Rebuilt from the trials on every ask, so a resumed study continues
 * with the same rungs. Only the study's own trials are on rungs: a warm-start trial, whose weights are not in the
 * study, is never promoted; it only keeps a fresh candidate from being one the study knows already.
 */
final class Ladder {

    static final String RUNG = "halving.rung";
    static final String BRACKET = "halving.bracket";

    private final StudyView study;
    private final Rungs rungs;
    private final Ranking promotion;
    private final Set<Integer> promoted;

    Ladder(StudyView study, Rungs rungs, Ranking promotion) {
        this.study = study;
        this.rungs = rungs;
        this.promotion = promotion;
        this.promoted = study.trials().stream().flatMap(t -> t.parent().stream()).map(Parent::trial)
                .collect(Collectors.toSet());
    }

    Rungs rungs() {
        return rungs;
    }

    /** The trials at {@code rung}, of bracket {@code bracket} if given. */
    List<Trial> at(int rung, Optional<Integer> bracket) {
        return study.trials().stream()
                .filter(t -> Integer.toString(rung).equals(t.attributes().get(RUNG)))
                .filter(t -> bracket.isEmpty() || bracket.get().toString().equals(t.attributes().get(BRACKET)))
                .toList();
    }

    static boolean anyRunning(List<Trial> trials) {
        return trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING);
    }

    /**
     * The best trial among the top {@code floor(n / eta)} of {@code trials} (n counts failures, which are never
     * promoted) that has not been promoted yet.
     */
    Optional<Trial> promotable(List<Trial> trials) {
        int quota = trials.size() / rungs.eta();
        return promotion.order(study.spec().objective(), trials).stream()
                .limit(quota)
                .filter(t -> !promoted.contains(t.number()))
                .findFirst();
    }

    /** Continue {@code trial} from its weights up to the next rung's epochs. */
    Decision promote(Trial trial, Optional<Integer> bracket) {
        int from = Integer.parseInt(trial.attributes().get(RUNG));
        return new Decision.Start(trial.candidate(), rungs.epochs(from + 1) - trial.fidelity(),
                attributes(from + 1, bracket), Optional.of(new Parent(trial.number(), trial.fidelity())));
    }

    /** A new random candidate, trained from scratch to {@code rung}'s epochs. */
    Decision fresh(int rung, Optional<Integer> bracket) {
        Decision sampled = new RandomSearch().ask(study);
        if (!(sampled instanceof Decision.Start start)) {
            return sampled;
        }
        return new Decision.Start(start.candidate(), rungs.epochs(rung), attributes(rung, bracket));
    }

    private static Map<String, String> attributes(int rung, Optional<Integer> bracket) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(RUNG, Integer.toString(rung));
        bracket.ifPresent(b -> attributes.put(BRACKET, b.toString()));
        return attributes;
    }
}
