package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A controller's state is what it rebuilds from the stored trials: after the study database is closed and opened
 * again, a fresh controller makes exactly the decisions the running one would have made next.
 */
class ControllerStateTest {

    static final List<String> CONTROLLERS = ControllerSpec.PRESETS;

    @TempDir
    Path directory;

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void theNextProposalsAfterReopeningTheDatabaseAreTheSame(String controller) {
        // bench.yaml searches epochs 1..27, so multi-fidelity controllers have rungs, parents and populations.
        StudySpec spec = Fakes.spec("bench", controller, 12, 5);
        InMemoryStorage memory = new InMemoryStorage();
        Study original = new Study(spec, memory, Controllers.create(controller), InstantSource.system());
        new Search(original, Fakes.synthetic(spec.space()), Fakes.latency(spec.space()), SearchListener.NONE,
                InstantSource.system(), Search.Limits.DEFAULT).run();
        List<Trial> before = memory.trials();

        try (SqlStorage stored = new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).create(spec,
                Map.of())) {
            for (Trial trial : before) {
                stored.claim(claimable -> Optional.of(Trial.start(trial.number(), trial.candidate(), trial.seed(),
                        trial.parent(),
                        trial.epochs(), trial.attributes(), trial.started())));
                stored.finish(trial, trials -> List.of());
            }
        }
        List<Trial> reopened;
        try (SqlStorage stored = new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).open()) {
            reopened = stored.trials();
        }
        assertEquals(before, reopened, "every trial comes back exactly");

        StudySpec more = spec.withBudget(20);
        for (int next = 0; next < 3; next++) {
            Decision running = Controllers.create(controller).ask(new StudyView(more, before));
            Decision rebuilt = Controllers.create(controller).ask(new StudyView(more, reopened));
            assertEquals(running, rebuilt, controller + ", decision " + next);
            Decision.Start start = assertInstanceOf(Decision.Start.class, running);
            Trial trial = Trial.start(before.size(), start.candidate(), 1, start.parent(), start.epochs(),
                    start.attributes(), InstantSource.system().instant());
            before = append(before, trial);
            reopened = append(reopened, trial);
        }
    }

    private static List<Trial> append(List<Trial> trials, Trial trial) {
        return java.util.stream.Stream.concat(trials.stream(), java.util.stream.Stream.of(trial)).toList();
    }
}
