package dev.nas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.scoring.Front;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.BlockChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchTest {

    private final StudySpec spec = Fakes.spec("tiny", "random", 8, 3);
    private final InMemoryStorage storage = new InMemoryStorage();
    private final Study study = new Study(spec, storage, Controllers.create("random"), InstantSource.system());

    private Search.Result run(Evaluator evaluator, SearchListener listener, int maxFailures) {
        return new Search(study, evaluator, Fakes.latency(spec.space()), listener, InstantSource.system(),
                new Search.Limits(maxFailures, Optional.empty())).run();
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
        assertEquals(Search.Ending.DONE, result.ending());
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
    void eachArchitectureIsTimedOnceAndItsPromotedTrialsKeepThatLatency() {
        StudySpec halving = Fakes.spec("bench", "sha", 3, 3);
        InMemoryStorage stored = new InMemoryStorage();
        LatencyModel timing = Fakes.latency(halving.space());
        AtomicInteger timings = new AtomicInteger();
        // Each timing differs from the last, as a real machine's do, so a network timed twice would show.
        LatencyModel noisy = candidate -> {
            Latency once = timing.latency(candidate);
            return new Latency(once.medianMs() * (1 + 1e-3 * timings.incrementAndGet()), once.spreadMs(),
                    once.runs(), once.source(), once.conditions());
        };
        new Search(new Study(halving, stored, Controllers.create("sha"), InstantSource.system()),
                Fakes.evaluator(halving.space()), noisy, SearchListener.NONE, InstantSource.system(),
                Search.Limits.DEFAULT).run();

        List<Trial> completed = stored.trials().stream().filter(t -> t.evaluation().isPresent()).toList();
        assertTrue(completed.stream().filter(t -> t.parent().isPresent()).count() >= 3, "trials were promoted");
        Map<List<BlockChoice>, Set<Double>> latencies = completed.stream().collect(Collectors.groupingBy(
                t -> t.candidate().blocks(), Collectors.mapping(t -> t.evaluation().get().latency().medianMs(),
                        Collectors.toSet())));
        assertTrue(latencies.values().stream().allMatch(one -> one.size() == 1),
                "one architecture, several latencies: " + latencies.values());
        assertEquals(latencies.size(), timings.get(), "one timing per architecture");
    }

    @Test
    void aCandidateThatThrowsIsAFailedTrialAndTheSearchGoesOn() {
        Evaluator real = Fakes.evaluator(spec.space());
        Evaluator flaky = (request, onEpoch, stop) -> {
            if (request.trial() % 2 == 1) {
                onEpoch.accept(new dev.nas.core.trial.EpochRecord(1, 9, 0.1, 1));
                throw new IllegalStateException("simulated DL4J error");
            }
            return real.train(request, onEpoch, stop);
        };
        assertEquals(Search.Ending.DONE, run(flaky, SearchListener.NONE, 3).ending());
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
        Evaluator greedy = (request, onEpoch, stop) -> {
            throw new OutOfMemoryError("Java heap space");
        };
        Search.Result result = run(greedy, SearchListener.NONE, 3);
        assertEquals(Search.Ending.FAILURES, result.ending());
        assertEquals(3, storage.trials().size());
        assertTrue(result.message().contains("3 trials failed in a row"), result.message());
        assertTrue(result.message().contains("OutOfMemoryError: Java heap space"), result.message());
    }

    /** Trains like {@code real}, calling {@code whenZero} once it has trained {@code epochsLeft} epochs. */
    private static Evaluator stoppingAfter(Evaluator real, AtomicInteger epochsLeft, Runnable whenZero) {
        return (request, onEpoch, stop) -> {
            List<EpochRecord> trained = new ArrayList<>(request.done());
            return real.train(request, epoch -> {
                if (stop.getAsBoolean()) {
                    return;
                }
                onEpoch.accept(epoch);
                trained.add(epoch);
                if (epochsLeft.decrementAndGet() == 0) {
                    whenZero.run();
                }
            }, stop) instanceof Trained t && !stop.getAsBoolean() ? t : new Stopped(trained);
        };
    }

    @Test
    void aStoppedSearchLeavesItsTrialRunningAndTheNextSearchContinuesIt() {
        StudySpec twoEpochs = Fakes.spec("mobile", "random", 3, 5);
        InMemoryStorage kept = new InMemoryStorage();
        Study first = new Study(twoEpochs, kept, Controllers.create("random"), InstantSource.system());
        Search[] search = new Search[1];
        AtomicInteger epochsLeft = new AtomicInteger(twoEpochs.fullEpochs() + 1);
        search[0] = new Search(first, stoppingAfter(Fakes.evaluator(twoEpochs.space()), epochsLeft,
                () -> search[0].stop()), Fakes.latency(twoEpochs.space()), SearchListener.NONE,
                InstantSource.system(), Search.Limits.DEFAULT);
        Search.Result stopped = search[0].run();

        assertEquals(Search.Ending.STOPPED, stopped.ending());
        assertEquals(List.of(TrialState.COMPLETE, TrialState.RUNNING),
                kept.trials().stream().map(Trial::state).toList());
        assertEquals(1, kept.epochsSoFar(1).size());
        assertTrue(stopped.message().contains("continuing will resume trial 1 after epoch 1"), stopped.message());

        List<TrainingRequest> requests = new ArrayList<>();
        Evaluator real = Fakes.evaluator(twoEpochs.space());
        kept.forgetHolders(); // the first search's process is gone
        Study second = new Study(twoEpochs, kept, Controllers.create("random"), InstantSource.system());
        Search.Result done = new Search(second, (request, onEpoch, stop) -> {
            requests.add(request);
            return real.train(request, onEpoch, stop);
        }, Fakes.latency(twoEpochs.space()), SearchListener.NONE, InstantSource.system(), Search.Limits.DEFAULT).run();

        assertEquals(Search.Ending.DONE, done.ending());
        assertEquals(1, requests.get(0).trial(), "the interrupted trial goes first");
        assertEquals(1, requests.get(0).done().size(), "with the epoch it had done");
        assertEquals(3, kept.trials().size(), "the budget of 3 is met without a fourth trial");
        assertTrue(kept.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(twoEpochs.fullEpochs(), kept.trials().get(1).evaluation().orElseThrow().epochs().size());
    }

    @Test
    void aTrialOverItsTimeLimitFailsWithTheEpochsItTrained() {
        MutableClock clock = new MutableClock();
        Evaluator slow = (request, onEpoch, stop) -> {
            EpochRecord epoch = new EpochRecord(1, 1, 0.5, 60);
            onEpoch.accept(epoch);
            clock.advance(Duration.ofMinutes(2));
            return stop.getAsBoolean() ? new Stopped(List.of(epoch)) : Fakes.evaluator(spec.space())
                    .train(request, e -> { }, stop);
        };
        Study timed = new Study(spec, storage, Controllers.create("random"), clock);
        Search.Result result = new Search(timed, slow, Fakes.latency(spec.space()), SearchListener.NONE, clock,
                new Search.Limits(2, Optional.of(Duration.ofMinutes(1)))).run();

        assertEquals(Search.Ending.FAILURES, result.ending());
        Failed failed = (Failed) storage.trials().get(0).outcome().orElseThrow();
        assertEquals("time limit of PT1M exceeded after 1 of 1 epochs", failed.reason());
        assertEquals(1, failed.epochs().size());
    }

    /** A clock that moves only when told to. */
    private static final class MutableClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
