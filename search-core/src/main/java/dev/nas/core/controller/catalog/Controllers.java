package dev.nas.core.controller.catalog;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.bayes.BayesianOptimization;
import dev.nas.core.controller.bayes.ExpectedHypervolumeImprovement;
import dev.nas.core.controller.evolution.Evolution;
import dev.nas.core.controller.grid.GridSearch;
import dev.nas.core.controller.halving.AsyncSuccessiveHalving;
import dev.nas.core.controller.halving.SuccessiveHalving;
import dev.nas.core.controller.pbt.PopulationBasedTraining;
import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.controller.rl.PolicyGradient;
import dev.nas.core.study.Controller;

/** The controller a {@link ControllerSpec} names: the one place that knows every algorithm. */
public final class Controllers {

    private Controllers() {
    }

    public static Controller create(ControllerSpec spec) {
        if (spec instanceof ControllerSpec.Random) {
            return new RandomSearch();
        } else if (spec instanceof ControllerSpec.Grid) {
            return new GridSearch();
        } else if (spec instanceof ControllerSpec.Halving h) {
            return new SuccessiveHalving(h.eta(), h.ranking(), h.hyperband());
        } else if (spec instanceof ControllerSpec.AsyncHalving a) {
            return new AsyncSuccessiveHalving(a.eta(), a.ranking());
        } else if (spec instanceof ControllerSpec.PolicyGradient p) {
            return new PolicyGradient(p.learningRate(), p.baselineDecay(), p.entropyWeight());
        } else if (spec instanceof ControllerSpec.Evolution e) {
            return new Evolution(e.selection(), e.population(), e.tournament(), e.inheritWeights());
        } else if (spec instanceof ControllerSpec.Bayesian b) {
            return new BayesianOptimization(b.acquisition(), b.parego(), b.initialRandom());
        } else if (spec instanceof ControllerSpec.HypervolumeBayesian h) {
            return new ExpectedHypervolumeImprovement(h.initialRandom());
        } else if (spec instanceof ControllerSpec.PopulationBased p) {
            return new PopulationBasedTraining(p.members(), p.truncation());
        }
        throw new IllegalStateException("no controller for " + spec);
    }

    /** The preset {@code name} with its defaults; see {@link ControllerSpec#PRESETS}. */
    public static Controller create(String name) {
        return create(ControllerSpec.preset(name));
    }
}
