package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.storage.LeaseLost;
import dev.nas.core.storage.StorageContract;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Workers sharing a study on a real PostgreSQL server: claims, leases, takeovers and the latency machine. */
class PostgresWorkersTest {

    private static final StudySpec SPEC = Fakes.spec("tiny", "random", 40, 3);

    @Test
    void workersAskingAtOnceNeverClaimTheSameTrialNorSpendMoreThanTheBudget() throws Exception {
        ServerStudy server = PostgresStudies.fresh();
        server.location().create(SPEC, Map.of()).close();
        Map<Integer, String> claimedBy = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(pool.submit(() -> {
                try (SqlStorage storage = server.location().open()) {
                    Study study = new Study(storage.spec(), storage, Controllers.create(SPEC.controller()),
                            InstantSource.system());
                    for (Optional<Trial> t = study.ask(); t.isPresent(); t = study.ask()) {
                        String before = claimedBy.putIfAbsent(t.get().number(), Thread.currentThread().getName());
                        assertEquals(null, before, "trial " + t.get().number() + " claimed twice");
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        List<Trial> trials = server.location().read(SqlStorage::trials);
        assertEquals(IntStream.range(0, trials.size()).boxed().toList(), trials.stream().map(Trial::number).toList());
        assertEquals(40.0, SPEC.spent(trials), 1e-9, "the budget is claimed exactly, never over");
    }

    @Test
    void aTrialWhoseLeaseLapsedIsTakenOverAndItsFormerWorkerCanNoLongerWriteIt() throws Exception {
        ServerStudy server = PostgresStudies.fresh();
        Trial running = Trial.start(0, StorageContract.completedTrial(0).candidate(), 5, 3, Map.of(),
                StorageContract.completedTrial(0).started());
        try (SqlStorage first = server.location().create(SPEC, Map.of());
             SqlStorage second = server.location().open()) {
            first.setLease(Duration.ofSeconds(1));
            first.claim(claimable -> Optional.of(running));
            first.recordEpoch(0, new EpochRecord(1, 0.5, 0.25, 1));
            Thread.sleep(1500);
            assertEquals(Optional.empty(), second.claim(c -> c.abandoned().stream().findFirst()),
                    "a worker that is alive keeps its lease by its heartbeat");

            synchronized (first) { // the first worker freezes (a long pause): its heartbeats wait for it
                Thread.sleep(1500);
                assertEquals(Optional.of(running), second.claim(c -> c.abandoned().stream().findFirst()),
                        "once its worker stopped beating, the trial is taken over as it was");
            }
            assertEquals(List.of(new EpochRecord(1, 0.5, 0.25, 1)), second.epochsSoFar(0));
            LeaseLost lost = assertThrows(LeaseLost.class,
                    () -> first.recordEpoch(0, new EpochRecord(2, 0.4, 0.3, 1)));
            assertTrue(lost.getMessage().contains("taken over"), lost.getMessage());
            second.recordEpoch(0, new EpochRecord(2, 0.4, 0.3, 1));
            assertEquals(2, second.epochsSoFar(0).size());
        }
    }

    @Test
    void measuredLatenciesBelongToTheMachineTheFirstWorkerMeasuredOn() {
        ServerStudy server = PostgresStudies.fresh();
        try (SqlStorage first = server.location().create(SPEC, Map.of());
             SqlStorage second = server.location().open()) {
            assertEquals("Xeon x2", first.latencyMachine("Xeon x2"));
            assertEquals("Xeon x2", second.latencyMachine("EPYC x64"), "the second machine learns the study's");
        }
    }
}
