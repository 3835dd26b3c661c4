package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.eval.data.Dataset;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real search (the real main class, DL4J training, the latency worker, the H2 file) with SIGKILL at random
 * moments, continues it each time, and checks that nothing was lost, duplicated or run twice, and that the finished
 * study is the one an uninterrupted search makes. {@code -Dnas.faults.kills=N} kills more often (default 10).
 */
class FaultInjectionTest {

    private static final int KILLS = Integer.getInteger("nas.faults.kills", 10);
    private static final int BUDGET = 12;

    @TempDir
    static Path directory;
    static Path data;
    static Path tiny;

    @BeforeAll
    static void data() throws Exception {
        tiny = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize();
        data = directory.resolve("fashion-300");
        CliTest.writeIdx(Dataset.embedded().train().head(300), data);
    }

    private String[] search(String db) {
        return new String[] {"--space", tiny.toString(), "--budget", Integer.toString(BUDGET), "--seed", "9",
            "--db", db, "--data", data.toString(), "--epochs", "2"};
    }

    @Test
    void aSearchKilledAtRandomMomentsLosesNothingAndEndsAsIfNeverKilled() throws Exception {
        Random random = new Random(2026);
        Map<Integer, Trial> finishedSoFar = new HashMap<>();
        int kills = 0;
        while (kills < KILLS) {
            // Every other time the way a user would after a crash: the same command, or nas resume.
            Cli.Running run = kills % 2 == 0 || !StudyFiles.of(directory.resolve("killed")).exists()
                    ? Cli.start(directory, search("killed")) : Cli.start(directory, "resume", "--db", "killed");
            // The first kill lands while the study is being created (CI once met the empty database an early
            // nas left there); of the others, half land anywhere from start-up on, half while a trial trains or is
            // timed.
            if (kills == 0) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!Files.exists(directory.resolve("killed.creating.mv.db"))
                        && !StudyFiles.of(directory.resolve("killed")).exists() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            } else if (random.nextBoolean()) {
                Thread.sleep(500 + random.nextInt(4000));
            } else {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!run.outSoFar().contains("trial #") && run.process().isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(random.nextInt(3000));
            }
            if (!run.process().isAlive()) {
                Cli.Result early = run.finish();
                throw new AssertionError("the search ended before kill " + (kills + 1) + "; give it a larger budget\n"
                        + early);
            }
            run.process().destroyForcibly();
            run.finish();
            kills++;
            if (StudyFiles.of(directory.resolve("killed")).exists()) {
                checkNothingWasLost(finishedSoFar);
            }
        }
        Cli.Result last = Cli.run(directory, "resume", "--db", "killed");
        assertEquals(0, last.exitCode(), last.toString());
        List<Trial> trials = checkNothingWasLost(finishedSoFar);

        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(directory.resolve("killed"))).openReadOnly()) {
            StudySpec spec = storage.spec();
            assertEquals(BUDGET, spec.spent(trials), 1e-9, "the budget is met exactly");
            assertEquals(BUDGET, trials.size(), "interrupted trials were continued, not replaced");
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE),
                    trials.stream().map(t -> t.number() + " " + t.state() + " " + t.outcome()).toList().toString());
            assertEquals(uninterruptedCandidates(spec), trials.stream().map(t -> t.candidate().key()).toList(),
                    "the same seed gives the same candidates, however often the search was killed");
        }
        System.out.printf("fault injection: %d SIGKILLs survived, %d trials%n", kills, trials.size());
    }

    /**
     * Checks the stored study after a kill: every trial seen finished before is still there, unchanged (none lost,
     * none finished twice); at most one trial is left running; the stored front is the front of the stored trials.
     */
    private static List<Trial> checkNothingWasLost(Map<Integer, Trial> finishedSoFar) {
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(directory.resolve("killed"))).openReadOnly()) {
            List<Trial> trials = storage.trials();
            for (Trial seen : finishedSoFar.values()) {
                assertEquals(seen, trials.get(seen.number()), "trial " + seen.number() + " changed after a kill");
            }
            trials.stream().filter(t -> t.outcome().isPresent()).forEach(t -> finishedSoFar.put(t.number(), t));
            assertTrue(trials.stream().filter(t -> t.state() == TrialState.RUNNING).count() <= 1);
            assertTrue(trials.stream().noneMatch(t -> t.state() == TrialState.FAILED),
                    "a kill is not the candidate's failure: " + trials.stream().filter(t -> t.outcome()
                            .filter(Failed.class::isInstance).isPresent()).map(t -> t.outcome().get()).toList());
            assertEquals(storage.spec().front(trials).stream().map(Trial::number).toList(), storage.front());
            return trials;
        }
    }

    /** The candidates random search proposes for this study when nothing interrupts it. */
    private static List<String> uninterruptedCandidates(StudySpec spec) {
        InMemoryStorage memory = new InMemoryStorage();
        Study study = new Study(spec, memory, Controllers.create(spec.controller()), InstantSource.system());
        for (int i = 0; i < BUDGET; i++) {
            Trial trial = study.ask().orElseThrow();
            study.tell(trial, new Failed("not trained", List.of()));
        }
        return memory.trials().stream().map(t -> t.candidate().key()).toList();
    }

    @Test
    void ctrlCStopsCleanlyAndTellsHowToResume() throws Exception {
        Cli.Running run = Cli.start(directory, search("stopped"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!run.outSoFar().contains("trial #1") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        run.process().destroy();
        Cli.Result stopped = run.finish();
        assertTrue(stopped.out().contains("The study is saved; continue it with: java -jar nas.jar resume --db "
                + "stopped"), stopped.toString());
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(directory.resolve("stopped"))).openReadOnly()) {
            assertTrue(storage.trials().stream().noneMatch(t -> t.state() == TrialState.FAILED),
                    storage.trials().toString());
        }
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "stopped", "--budget", "3");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(directory.resolve("stopped"))).openReadOnly()) {
            assertEquals(3, storage.trials().size());
            assertTrue(storage.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        }
    }
}
