package dev.nas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.scoring.Front;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

    private final StudySpec spec = Fakes.spec("tiny", "random", 8, 3);
    private final InMemoryStorage storage = new InMemoryStorage();
    private final Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());

    private Search.Result run(Evaluator evaluator, SearchListener listener, int maxFailures) {
        return new Search(study, evaluator, Fakes.latency(spec.space()), listener, InstantSource.system(),
                maxFailures).run();
    }

    @Test
    void runsTheBudgetAndKeepsTheFrontCurrent() {
        List<Progress> progress = new ArrayList<>();
        Search.Result result = run(Fakes.evaluator(spec.space()), new SearchListener() {
            @Override
            public void trialFinished(Trial trial, Progress p) {
                progress.add(p);
            }
        }, 3);
        assertTrue(result.completed());
        assertEquals(8, storage.trials().size());
        assertTrue(storage.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        List<Integer> front = Front.of(spec.space().objective(), storage.trials()).stream().map(Trial::number)
                .toList();
        assertEquals(front, storage.front());
        assertTrue(front.size() >= 2, "accuracy and latency trade off in the fakes: " + front);
        Progress last = progress.get(progress.size() - 1);
        assertEquals(8.0, last.spent());
        assertEquals(front.size(), last.frontSize());
        assertTrue(last.best().isPresent());
    }

    @Test
    void aCandidateThatThrowsIsAFailedTrialAndTheSearchGoesOn() {
        Evaluator real = Fakes.evaluator(spec.space());
        Evaluator flaky = (request, onEpoch) -> {
            if (request.trial() % 2 == 1) {
                onEpoch.accept(new dev.nas.core.trial.EpochRecord(1, 9, 0.1, 1));
                throw new IllegalStateException("simulated DL4J error");
            }
            return real.train(request, onEpoch);
        };
        assertTrue(run(flaky, SearchListener.NONE, 3).completed());
        List<Trial> trials = storage.trials();
        Trial failed = trials.get(1);
        assertEquals(TrialState.FAILED, failed.state());
        Failed outcome = (Failed) failed.outcome().orElseThrow();
        assertEquals("IllegalStateException: simulated DL4J error", outcome.reason());
        assertEquals(1, outcome.epochs().size(), "the epochs it did train are kept");
        assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void outOfMemoryIsAFailedTrialToo() {
        Evaluator greedy = (request, onEpoch) -> {
            throw new OutOfMemoryError("Java heap space");
        };
        Search.Result result = run(greedy, SearchListener.NONE, 3);
        assertFalse(result.completed());
        assertEquals(3, storage.trials().size());
        assertTrue(result.message().contains("3 trials failed in a row"), result.message());
        assertTrue(result.message().contains("OutOfMemoryError: Java heap space"), result.message());
    }
}
