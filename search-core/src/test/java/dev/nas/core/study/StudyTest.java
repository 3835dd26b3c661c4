package dev.nas.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.space.Epochs;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudyTest {

    @Test
    void budgetCountsFullFidelityTrainingEquivalents() {
        StudySpec base = Fakes.spec("tiny", "random", 2.5, 1);
        StudySpec spec = new StudySpec(base.name(), base.space(), base.spaceYaml(), base.spaceOrigin(),
                ControllerSpec.preset("random"), 1, 2.5,
                Epochs.fixed(2), base.data());
        InMemoryStorage storage = new InMemoryStorage();
        Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());
        Trial first = study.ask().orElseThrow();
        assertEquals(2, first.epochs());
        assertEquals(1.0, study.spent(), "a running trial counts what it was asked to train");
        // A trial that fails in its first epoch costs nothing.
        study.tell(first, new Failed("boom", List.of()));
        assertEquals(0.0, study.spent());
        Trial second = study.ask().orElseThrow();
        study.tell(second, new Failed("boom", List.of(new EpochRecord(1, 1, 0.1, 1))));
        assertEquals(0.5, study.spent());
        Trial third = study.ask().orElseThrow();
        Trial fourth = study.ask().orElseThrow();
        assertEquals(2.5, study.spent());
        assertEquals(Optional.empty(), study.ask(), "no budget left for a whole trial");
        assertEquals(List.of(0, 1, 2, 3), storage.trials().stream().map(Trial::number).toList());
        assertNotEquals(third.seed(), fourth.seed());
    }

    @Test
    void aFreshCandidateAnotherWorkerIsRunningIsDrawnAgainFromAnotherStream() {
        StudySpec spec = Fakes.spec("tiny", "random", 4, 1);
        Controller random = Controllers.create("random");
        InMemoryStorage storage = new InMemoryStorage();
        Trial running = new Study(spec, storage, random, InstantSource.system()).ask().orElseThrow();
        // A controller that, like a seeded one whose stream repeats, proposes the running candidate on first ask.
        Controller repeating = view -> view.redraw() == 0
                ? new Decision.Start(running.candidate(), spec.fullEpochs(), Map.of(), Optional.empty())
                : random.ask(view);
        Trial next = new Study(spec, storage, repeating, InstantSource.system()).ask().orElseThrow();
        assertNotEquals(running.candidate(), next.candidate());
        assertEquals(1, next.number());
        assertNotEquals(Seeds.sampling(1, 1).nextLong(), Seeds.sampling(1, 1, 1).nextLong());
        assertEquals(Seeds.sampling(1, 1).nextLong(), Seeds.sampling(1, 1, 0).nextLong(),
                "the first draw is the one studies made before");
    }

    @Test
    void trialSeedsDependOnlyOnStudySeedAndNumber() {
        assertEquals(Seeds.training(5, 3), Seeds.training(5, 3));
        assertNotEquals(Seeds.training(5, 3), Seeds.training(5, 4));
        assertNotEquals(Seeds.training(5, 3), Seeds.training(6, 3));
    }
}
