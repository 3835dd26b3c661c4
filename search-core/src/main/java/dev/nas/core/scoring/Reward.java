package dev.nas.core.scoring;

import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.ObjectiveSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * MnasNet's reward (Tan et al. 2019, eq. 2): ACC(m) x [LAT(m) / T]^w, with w = {@code exponent} on both sides of
 * the target T for a soft constraint, and w = 0 under T, -1 over it for a hard one. The target may be on another
 * minimised objective than latency (a MAC, memory or energy budget): V(m) / T replaces LAT(m) / T. Without a target
 * the reward is the accuracy.
 */
public final class Reward {

    private Reward() {
    }

    public static double of(ObjectiveSpec spec, Scores scores) {
        if (spec.target().isEmpty()) {
            return scores.accuracy();
        }
        double ratio = ratio(spec, scores);
        double w = spec.constraint() == LatencyConstraint.SOFT ? spec.exponent() : ratio <= 1 ? 0 : -1;
        return scores.accuracy() * Math.pow(ratio, w);
    }

    /** The completed trial with the highest reward, if any trial completed. */
    public static Optional<Trial> best(ObjectiveSpec spec, List<Trial> trials) {
        return trials.stream().filter(t -> t.evaluation().isPresent())
                .max(Comparator.comparingDouble(t -> of(spec, t.evaluation().orElseThrow().scores())));
    }

    /** Within the target, or no target at all. */
    public static boolean feasible(ObjectiveSpec spec, Scores scores) {
        return spec.target().isEmpty() || ratio(spec, scores) <= 1;
    }

    /** The target objective's value over the target: above 1 over budget. */
    public static double ratio(ObjectiveSpec spec, Scores scores) {
        ObjectiveSpec.Target target = spec.target().orElseThrow();
        return scores.value(target.objective()) / target.value();
    }
}
