package dev.nas.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What every controller must do, on trials that really complete (the synthetic landscape's accuracy and the fake
 * latency), so that every phase after the random warm-up is exercised: bayes' model, evolution's selection, the
 * halving rungs and promotions, PBT's exploitation.
 */
class ControllerContractTest {

    static final List<String> CONTROLLERS = ControllerSpec.PRESETS;

    private static final int BUDGET = 24;

    /** Searches {@code budget} full trainings of the tiny space; every ask also goes to a controller rebuilt then. */
    private static Run search(String controller, long seed) {
        StudySpec spec = Fakes.spec("tiny", controller, BUDGET, seed);
        InMemoryStorage storage = new InMemoryStorage();
        Rebuilt rebuilt = new Rebuilt(spec, Controllers.create(spec.controller()));
        Search.Result result = new Search(new Study(spec, storage, rebuilt, InstantSource.system()),
                Fakes.synthetic(spec.space()), Fakes.latency(spec.space()), SearchListener.NONE,
                InstantSource.system(), new Search.Limits(3, Optional.empty())).run();
        assertEquals(Search.Ending.DONE, result.ending(), result.message());
        storage.trials().forEach(t -> spec.space().check(t.candidate()));
        return new Run(storage.trials(), rebuilt.asks.get());
    }

    private record Run(List<Trial> trials, int asks) {

        List<String> keys() {
            return trials.stream().map(t -> t.candidate().key() + "@" + t.epochs() + t.parent()).toList();
        }
    }

    /**
     * The study's controller, checked at every ask against a fresh one built from the stored spec and shown the same
     * trials: what a resumed search does.
     */
    private record Rebuilt(StudySpec spec, Controller original, AtomicInteger asks) implements Controller {

        Rebuilt(StudySpec spec, Controller original) {
            this(spec, original, new AtomicInteger());
        }

        @Override
        public Decision ask(dev.nas.core.study.StudyView study) {
            Decision decision = original.ask(study);
            assertEquals(decision, Controllers.create(spec.controller()).ask(study),
                    "ask " + asks.get() + " after " + study.trials().size() + " trials");
            asks.incrementAndGet();
            return decision;
        }
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void proposalsStayInTheSpaceAndASeedReproducesThem(String controller) {
        Run first = search(controller, 7);
        assertTrue(first.trials().size() >= BUDGET, first.trials().size() + " trials");
        assertTrue(first.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(first.keys(), search(controller, 7).keys());
        assertNotEquals(first.keys(), search(controller, 8).keys());
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void aControllerRebuiltFromStoredTrialsProposesWhatTheOriginalWould(String controller) {
        Run run = search(controller, 11);
        assertTrue(run.asks() >= run.trials().size(), run.asks() + " asks");
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void failedTrialsAreCopedWith(String controller) {
        StudySpec spec = Fakes.spec("tiny", controller, 12, 5);
        InMemoryStorage storage = new InMemoryStorage();
        Study study = new Study(spec, storage, Controllers.create(spec.controller()), InstantSource.system());
        for (Optional<Trial> t = study.ask(); t.isPresent(); t = study.ask()) {
            spec.space().check(t.get().candidate());
            study.tell(t.get(), new Failed("not trained", List.of(new dev.nas.core.trial.EpochRecord(1, 1, 0, 0))));
        }
        assertTrue(storage.trials().size() >= 12, storage.trials().size() + " trials");
    }
}
