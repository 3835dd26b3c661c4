package dev.nas.core.controller.bayes;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: how long a controller takes to propose a candidate once a study has {@code N} observations, the
 * engine's own overhead per trial. Run with the test classpath:
 * {@code java -cp ... dev.nas.core.controller.bayes.AskBenchmark bayes 200 mobile}.
 */
public final class AskBenchmark {

    private AskBenchmark() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "bayes";
        int observations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String space = args.length > 2 ? args[2] : "mobile";
        StudySpec spec = Fakes.spec(space, name, observations, 1);
        Study study = new Study(spec, new InMemoryStorage(), Controllers.create("random"), InstantSource.system());
        new Search(study, Fakes.synthetic(spec.space()), Fakes.constantLatency(1.0), new SearchListener() { },
                InstantSource.system(), Search.Limits.DEFAULT).run();
        List<Trial> trials = study.trials();
        Controller controller = Controllers.create(name);
        int repeats = 15;
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            // A different last trial each time, so a cached fit is not what gets timed after the first ask.
            long start = System.nanoTime();
            controller.ask(new StudyView(spec, trials.subList(0, trials.size() - r % 3)));
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        double first = ms[0];
        Arrays.sort(ms);
        System.out.printf("%s, %d observations of %s: ask median %.1f ms (first, with a hyperparameter fit: %.1f ms)%n",
                name, observations, space, ms[repeats / 2], first);
    }
}
