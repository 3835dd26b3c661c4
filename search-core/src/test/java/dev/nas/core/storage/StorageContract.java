package dev.nas.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Pruned;
import dev.nas.core.trial.Quantized;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.Candidate;
import dev.nas.space.Objective;
import dev.nas.space.plan.Cost;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Storage} must do; each implementation's test extends this. */
public abstract class StorageContract {

    protected static final Candidate CANDIDATE =
            Candidate.parse("mbconv_k3_e3_se0.25-identity-8x2/skip-none-16x1|lr=0.003,bs=32,opt=adam,wd=0");
    protected static final Instant T0 = Instant.parse("2026-11-22T21:00:00.123456Z");

    private Storage storage;

    /** A fresh, empty storage. */
    protected abstract Storage create() throws Exception;

    @BeforeEach
    void open() throws Exception {
        storage = create();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    protected Storage storage() {
        return storage;
    }

    public static Trial completedTrial(int number) {
        Evaluation evaluation = new Evaluation(
                List.of(new EpochRecord(1, 1.25, 0.5, 2.5), new EpochRecord(2, 0.75, 0.625 + number / 100.0, 2.25)),
                new Latency(1.5 + number, 0.125, 50, LatencySource.MEASURED, Fakes.CONDITIONS),
                new Cost(12345, 678901), 4.75, 812.5);
        return Trial.start(number, CANDIDATE, 42L + number, 2, Map.of("grid.position", "7"), T0)
                .finish(new Completed(evaluation), T0.plusSeconds(5));
    }

    @Test
    void emptyAtFirst() {
        assertEquals(List.of(), storage.trials());
        assertEquals(List.of(), storage.front());
        assertEquals(List.of(), storage.warmTrials());
        assertEquals(List.of(), storage.queue());
    }

    /**
     * Candidates queued in two steps keep their order, positions and sources; every claim sees the queue, and taking a
     * candidate leaves it as it was (the trial that took it says so).
     */
    @Test
    void queuedCandidatesAreKeptInOrderAndShownToEveryClaim() {
        Candidate other = Candidate.parse(CANDIDATE.key().replace("lr=0.003", "lr=0.01"));
        List<Queued> first = storage.enqueue(List.of(CANDIDATE, other), "--key", T0);
        assertEquals(List.of(new Queued(0, CANDIDATE, "--key", T0), new Queued(1, other, "--key", T0)), first);
        Instant later = T0.plusSeconds(90);
        List<Queued> second = storage.enqueue(List.of(CANDIDATE), "/home/ada/baseline.yaml", later);
        assertEquals(List.of(new Queued(2, CANDIDATE, "/home/ada/baseline.yaml", later)), second);
        List<Queued> all = List.of(first.get(0), first.get(1), second.get(0));
        assertEquals(all, storage.queue());
        Trial taking = Trial.start(0, CANDIDATE, 1, 1, Map.of("enqueued", "0"), T0);
        storage.claim(claimable -> {
            assertEquals(all, claimable.queue());
            return Optional.of(taking);
        });
        assertEquals(all, storage.queue());
        assertEquals(List.of(taking), storage.trials());
    }

    /**
     * The values of objectives beyond accuracy, latency and cost (memory and size in bytes, a table's energy column)
     * are read back as written, and score the trial.
     */
    @Test
    void roundTripsTheValuesOfOtherObjectives() {
        Evaluation e = completedTrial(0).evaluation().orElseThrow();
        Map<String, Double> measures = Map.of("memory", 81_920.0, "size", 49_380.0, "energy_mj", 0.1875);
        Evaluation more = new Evaluation(e.epochs(), Latency.none(Fakes.CONDITIONS), e.cost(), e.trainSeconds(),
                e.imagesPerSecond(), Optional.empty(), Optional.empty(), measures);
        Trial running = Trial.start(0, CANDIDATE, 1L, 2, Map.of(), T0);
        Trial done = running.finish(new Completed(more), T0.plusSeconds(1));
        storage.claim(claimable -> Optional.of(running));
        storage.finish(done, trials -> List.of(0));
        Evaluation read = storage.trials().get(0).evaluation().orElseThrow();
        assertEquals(more, read);
        assertEquals(0.1875, read.scores().value(new Objective.Column("energy_mj", false, "mJ")));
        assertEquals(81_920.0, read.scores().value(Objective.MEMORY));
    }

    /** A trial scored from a table without latencies: its latency is none, stored and read back as none. */
    @Test
    void roundTripsATrialWithoutLatency() {
        Evaluation evaluation = new Evaluation(List.of(new EpochRecord(1, Double.NaN, 0.5, 0)),
                Latency.none(Fakes.CONDITIONS), new Cost(12345, 678901), 0, 0);
        Trial running = Trial.start(0, CANDIDATE, 1L, 1, Map.of(), T0);
        Trial done = running.finish(new Completed(evaluation), T0.plusSeconds(1));
        storage.claim(claimable -> Optional.of(running));
        storage.finish(done, trials -> List.of(0));
        assertEquals(List.of(done), storage.trials());
        assertEquals(LatencySource.NONE, storage.trials().get(0).evaluation().orElseThrow().latency().source());
    }

    /**
     * A trial scored in int8 and timed in two engines: its int8 accuracy (the one it is scored by) and the second
     * engine's latency, on the same machine with that engine's backend, read back as written.
     */
    @Test
    void roundTripsAQuantizedAccuracyAndASecondEnginesLatency() {
        Trial trained = completedTrial(0);
        Evaluation e = trained.evaluation().orElseThrow();
        Conditions other = new Conditions(Fakes.CONDITIONS.device(), Fakes.CONDITIONS.threads(),
                Fakes.CONDITIONS.cpu(), Fakes.CONDITIONS.jvm(), "ONNX Runtime 1.20.0 (CPU)");
        Evaluation quantized = new Evaluation(e.epochs(), e.latency(), e.cost(), e.trainSeconds(),
                e.imagesPerSecond(), Optional.of(new Quantized(0.59375, 31_337, 98_765)),
                Optional.of(new Latency(0.0625, 0.00390625, 400, LatencySource.MEASURED, other)), e.measures());
        Trial running = Trial.start(0, CANDIDATE, trained.seed(), 2, trained.attributes(), T0);
        Trial done = running.finish(new Completed(quantized), T0.plusSeconds(5));
        storage.claim(claimable -> Optional.of(running));
        storage.finish(done, trials -> List.of(0));
        Evaluation read = storage.trials().get(0).evaluation().orElseThrow();
        assertEquals(quantized, read);
        assertEquals(0.59375, read.scores().accuracy());
        assertEquals(e.accuracy(), read.trainedAccuracy());
    }

    @Test
    void roundTripsEveryKindOfTrial() {
        Trial running = Trial.start(0, CANDIDATE, -7L, 2, Map.of("a", "1"), T0);
        Trial failed = Trial.start(1, CANDIDATE, 8L, 2, Map.of(), T0)
                .finish(new Failed("NaN loss in epoch 2", List.of(new EpochRecord(1, 2.5, 0.125, 1.5))), T0);
        Trial continued = Trial.start(2, CANDIDATE, 9L, Optional.of(new Parent(1, 1)), 2, Map.of(), T0)
                .finish(new Failed("stopped", List.of(new EpochRecord(2, 2.5, 0.25, 1.5))), T0.plusMillis(1500));
        Trial completed = completedTrial(3);
        Trial pruned = Trial.start(4, CANDIDATE, 10L, 3, Map.of(), T0).finish(new Pruned("pruned after epoch 1: "
                + "validation accuracy 0.1250 is below 0.5000, the median of 5 completed trials at that epoch",
                List.of(new EpochRecord(1, 2.5, 0.125, 1.5))), T0.plusSeconds(2));
        for (Trial t : List.of(running, failed, continued, completed, pruned)) {
            storage.claim(claimable -> Optional.of(t.outcome().isPresent() ? Trial.start(t.number(), t.candidate(),
                    t.seed(), t.parent(),
                    t.epochs(), t.attributes(), t.started()) : t));
        }
        storage.finish(failed, trials -> List.of());
        storage.finish(continued, trials -> List.of());
        storage.finish(completed, trials -> List.of(3));
        storage.finish(pruned, trials -> List.of(3));
        assertEquals(List.of(running, failed, continued, completed, pruned), storage.trials());
        assertEquals(List.of(TrialState.RUNNING, TrialState.FAILED, TrialState.FAILED, TrialState.COMPLETE,
                TrialState.PRUNED), storage.trials().stream().map(Trial::state).toList());
        assertEquals(1, storage.trials().get(4).epochsSpent(), "a pruned trial spent the epochs it trained");
        assertEquals(List.of(3), storage.front());
    }

    @Test
    void frontIsComputedFromEveryTrialWithTheFinishedOneAndReplacedWithEachFinish() {
        for (int i = 0; i < 3; i++) {
            Trial done = completedTrial(i);
            Trial running = Trial.start(i, done.candidate(), done.seed(), done.epochs(), done.attributes(), T0);
            storage.claim(claimable -> Optional.of(running));
            storage.finish(done, trials -> trials.stream().filter(t -> t.outcome().isPresent())
                    .map(Trial::number).sorted(Comparator.reverseOrder()).limit(2).toList());
        }
        assertEquals(List.of(2, 1), storage.front());
    }

    @Test
    void aClaimRecordsTheNextTrialAsThisWorkersAndSeesNoneAbandoned() {
        Trial first = Trial.start(0, CANDIDATE, 1, 1, Map.of(), T0);
        assertEquals(Optional.of(first), storage.claim(claimable -> {
            assertEquals(List.of(), claimable.trials());
            return Optional.of(first);
        }));
        assertEquals(Optional.empty(), storage.claim(claimable -> {
            assertEquals(List.of(first), claimable.trials());
            assertEquals(List.of(), claimable.abandoned(), "a worker's own running trial is not abandoned");
            return Optional.empty();
        }));
        assertEquals(List.of(first), storage.trials());
    }

    @Test
    void numbersAreNotTakenTwice() {
        storage.claim(claimable -> Optional.of(Trial.start(0, CANDIDATE, 1, 1, Map.of(), T0)));
        assertThrows(RuntimeException.class, () -> storage.claim(claimable -> Optional.of(Trial.start(0, CANDIDATE,
                2, 1, Map.of(), T0))));
    }

    @Test
    void finishedTrialsDoNotChange() {
        Trial done = completedTrial(0);
        storage.claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                done.attributes(), T0)));
        storage.finish(done, trials -> List.of(0));
        RuntimeException e = assertThrows(RuntimeException.class, () -> storage.finish(Trial.start(0, CANDIDATE, 1,
                1, Map.of(), T0).finish(new Failed("late", List.of()), T0), trials -> List.of()));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
        assertEquals(List.of(done), storage.trials());
        assertEquals(List.of(0), storage.front());
    }

    @Test
    void epochsOfARunningTrialAreKeptUntilItFinishesAndAStartOverReplacesThem() {
        storage.claim(claimable -> Optional.of(Trial.start(0, CANDIDATE, 42L, 3, Map.of(), T0)));
        EpochRecord first = new EpochRecord(1, 1.5, 0.25, 2.0);
        EpochRecord second = new EpochRecord(2, 1.0, 0.375, 2.0);
        storage.recordEpoch(0, first);
        storage.recordEpoch(0, second);
        assertEquals(List.of(first, second), storage.epochsSoFar(0));
        assertEquals(TrialState.RUNNING, storage.trials().get(0).state());

        EpochRecord again = new EpochRecord(1, 1.625, 0.125, 2.0);
        storage.recordEpoch(0, again);
        assertEquals(List.of(again), storage.epochsSoFar(0), "a trial that starts over drops its later epochs");

        Trial finished = storage.trials().get(0).finish(new Failed("diverged", List.of(again)), T0.plusSeconds(7));
        storage.finish(finished, trials -> List.of());
        assertEquals(List.of(again), storage.trials().get(0).outcome().orElseThrow().epochs());
        assertThrows(RuntimeException.class, () -> storage.recordEpoch(0, second),
                "a finished trial takes no more epochs");
    }
}
