package dev.nas.core.scoring;

import dev.nas.core.trial.Trial;
import dev.nas.space.ObjectiveSpec;
import java.util.Comparator;
import java.util.List;

/** How trials are ranked best first: by reward, or by non-dominated rank and crowding distance. */
public enum Ranking {

    /** By MnasNet's scalar reward, as Optuna's and Ray Tune's schedulers rank by one metric. */
    REWARD {
        @Override
        public List<Trial> order(ObjectiveSpec objective, List<Trial> trials) {
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
        public List<Trial> order(ObjectiveSpec objective, List<Trial> trials) {
            return Front.nondominatedOrder(objective, trials);
        }
    };

    /** The completed trials best first; failed ones are left out. */
    public abstract List<Trial> order(ObjectiveSpec objective, List<Trial> trials);
}
