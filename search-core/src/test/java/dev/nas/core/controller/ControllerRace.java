package dev.nas.core.controller;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.space.SearchSpace;
import java.time.InstantSource;
import java.util.Arrays;

/** Runs a controller on {@link Fakes#synthetic} over several seeds: the median best reward at a budget. */
public final class ControllerRace {

    private ControllerRace() {
    }

    public static double medianBest(ControllerSpec controller, String space, int budget, int seeds) {
        double[] best = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
            StudySpec spec = Fakes.spec(space, controller, budget, 100 + seed);
            SearchSpace searchSpace = spec.space();
            Study study = new Study(spec, new InMemoryStorage(), Controllers.create(controller),
                    InstantSource.system());
            new Search(study, Fakes.synthetic(searchSpace), Fakes.constantLatency(1.0), new SearchListener() { },
                    InstantSource.system(), Search.Limits.DEFAULT).run();
            best[seed] = spec.best(study.trials())
                    .map(t -> Reward.of(searchSpace.objective(), t.evaluation().orElseThrow().scores()))
                    .orElseThrow();
        }
        Arrays.sort(best);
        return best[seeds / 2];
    }
}
