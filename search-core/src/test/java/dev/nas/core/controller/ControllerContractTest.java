package dev.nas.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What every controller must do. */
class ControllerContractTest {

    static final List<String> CONTROLLERS = ControllerSpec.PRESETS;

    /** Runs a study of {@code budget} trials, failing each one (controllers must cope), and returns its keys. */
    private static List<String> proposals(String controller, long seed, int budget, InMemoryStorage storage) {
        StudySpec spec = Fakes.spec("tiny", controller, budget, seed);
        Study study = new Study(spec, storage, Controllers.create(controller), InstantSource.system());
        for (Optional<Trial> t = study.ask(); t.isPresent(); t = study.ask()) {
            spec.space().check(t.get().candidate());
            study.tell(t.get(), new Failed("not trained", List.of(new dev.nas.core.trial.EpochRecord(1, 1, 0, 0))));
        }
        return storage.trials().stream().map(t -> t.candidate().key()).toList();
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void proposalsStayInTheSpaceAndASeedReproducesThem(String controller) {
        List<String> first = proposals(controller, 7, 20, new InMemoryStorage());
        assertEquals(20, first.size());
        assertEquals(first, proposals(controller, 7, 20, new InMemoryStorage()));
        assertNotEquals(first, proposals(controller, 8, 20, new InMemoryStorage()));
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void aControllerRebuiltFromStoredTrialsProposesWhatTheOriginalWould(String controller) {
        InMemoryStorage storage = new InMemoryStorage();
        List<String> all = proposals(controller, 11, 12, new InMemoryStorage());
        proposals(controller, 11, 5, storage);
        StudySpec spec = Fakes.spec("tiny", controller, 12, 11);
        Decision next = Controllers.create(controller).ask(new StudyView(spec, storage.trials()));
        Candidate proposed = assertInstanceOf(Decision.Start.class, next).candidate();
        assertEquals(all.get(5), proposed.key());
    }
}
