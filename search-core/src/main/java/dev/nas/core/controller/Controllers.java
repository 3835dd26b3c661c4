package dev.nas.core.controller;

import dev.nas.core.controller.bayes.BayesianOptimization;
import dev.nas.core.controller.bayes.BayesianOptimization.Acquisition;
import dev.nas.core.controller.evolution.Evolution;
import dev.nas.core.controller.grid.GridSearch;
import dev.nas.core.controller.halving.AsyncSuccessiveHalving;
import dev.nas.core.controller.halving.Promotion;
import dev.nas.core.controller.halving.SuccessiveHalving;
import dev.nas.core.controller.rl.PolicyGradient;
import dev.nas.core.controller.pbt.PopulationBasedTraining;
import dev.nas.core.controller.random.RandomSearch;
import java.util.List;

/** The controllers a study can be run with, by name. */
public final class Controllers {

    public static final List<String> NAMES = List.of("random", "grid", "sha", "hyperband", "asha", "sha-pareto",
            "hyperband-pareto", "asha-pareto", "rl", "evolution", "nsga2", "bayes", "bayes-ucb", "parego", "pbt");

    /** Random trials before the Gaussian process takes over. */
    private static final int INITIAL_RANDOM = 8;

    /** Successive halving's reduction factor: keep the top third at each rung, as Li et al. recommend. */
    private static final int ETA = 3;

    private Controllers() {
    }

    /** The controller called {@code name}; throws {@link IllegalArgumentException} naming the known ones. */
    public static Controller create(String name) {
        return switch (name) {
            case "random" -> new RandomSearch();
            case "grid" -> new GridSearch();
            case "sha" -> new SuccessiveHalving(ETA, Promotion.REWARD, false);
            case "hyperband" -> new SuccessiveHalving(ETA, Promotion.REWARD, true);
            case "asha" -> new AsyncSuccessiveHalving(ETA, Promotion.REWARD);
            case "sha-pareto" -> new SuccessiveHalving(ETA, Promotion.PARETO, false);
            case "hyperband-pareto" -> new SuccessiveHalving(ETA, Promotion.PARETO, true);
            case "asha-pareto" -> new AsyncSuccessiveHalving(ETA, Promotion.PARETO);
            case "rl" -> PolicyGradient.withDefaults();
            // Real et al. used P = 100, S = 25 for 20,000 samples; these suit budgets of 50 to a few hundred.
            case "evolution" -> new Evolution(Evolution.Selection.AGING, 10, 3);
            case "nsga2" -> new Evolution(Evolution.Selection.NSGA2, 10, 2);
            case "bayes" -> new BayesianOptimization(Acquisition.EXPECTED_IMPROVEMENT, false, INITIAL_RANDOM);
            case "bayes-ucb" -> new BayesianOptimization(Acquisition.UPPER_CONFIDENCE_BOUND, false, INITIAL_RANDOM);
            case "parego" -> new BayesianOptimization(Acquisition.EXPECTED_IMPROVEMENT, true, INITIAL_RANDOM);
            // Jaderberg et al. truncate the bottom and copy the top 20-25% of the population.
            case "pbt" -> new PopulationBasedTraining(8, 0.25);
            default -> throw new IllegalArgumentException("unknown controller '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
