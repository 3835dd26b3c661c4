package dev.nas.core.controller.halving;

import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.trial.Trial;
import dev.nas.space.ObjectiveSpec;
import java.util.Comparator;
import java.util.List;

/** How trials at a rung are ranked for promotion. */
public enum Promotion {

    /** By MnasNet's scalar reward, as Optuna's and Ray Tune's schedulers rank by one metric. */
    REWARD {
        @Override
        List<Trial> order(ObjectiveSpec objective, List<Trial> trials) {
            return trials.stream().filter(t -> t.evaluation().isPresent())
                    .sorted(Comparator.comparingDouble(
                                    (Trial t) -> -Reward.of(objective, t.evaluation().orElseThrow().scores()))
                            .thenComparingInt(Trial::number))
                    .toList();
        }
    },

    /**
     * By non-dominated rank of the objective vectors, then crowding distance: promotes trade-offs along the whole
     * accuracy-latency front rather than the best of one weighting.
     */
    PARETO {
        @Override
        List<Trial> order(ObjectiveSpec objective, List<Trial> trials) {
            return Front.nondominatedOrder(objective, trials);
        }
    };

    /** The completed trials best first; failed ones are left out. */
    abstract List<Trial> order(ObjectiveSpec objective, List<Trial> trials);
}
