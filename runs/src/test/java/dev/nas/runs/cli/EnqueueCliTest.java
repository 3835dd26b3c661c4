package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.storage.Queued;
import dev.nas.core.study.Study;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import dev.nas.space.yaml.SpaceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nas enqueue in the real main class, on the shipped tabular benchmark with epochs that take a moment: candidates
 * queued by key and by architecture file are the next trials, in order, each trained once even when the search is
 * killed (SIGKILL) while training one and resumed; a key or file that is not the study's is refused, naming it, and
 * nothing is queued.
 */
class EnqueueCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private <T> T read(Function<SqlStorage, T> reading) {
        return new H2StudyLocation(StudyFiles.of(directory.resolve("queued"))).read(reading);
    }

    @Test
    void queuedCandidatesAreTheNextTrialsInOrderEachTrainedOnceThroughAKill() throws Exception {
        // 10 epochs of 0.2 s: a trial takes 2 s, long enough to be killed in.
        Cli.Result created = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--budget", "1", "--epochs", "10", "--table-epoch-seconds", "0.2", "--db", "queued");
        assertEquals(0, created.exitCode(), created.toString());
        SearchSpace space = SpaceLoader.load(SPACE);
        SplittableRandom random = new SplittableRandom(19);
        List<Candidate> wanted = List.of(space.codec().sample(random), space.codec().sample(random),
                space.codec().sample(random));
        Path architecture = directory.resolve("shipped.yaml");
        Files.writeString(architecture, SpaceWriter.write(space.only(wanted.get(2), Epochs.fixed(10))));

        Cli.Result bad = Cli.run(directory, "enqueue", "--db", "queued", "--key", wanted.get(0).key(), "--key",
                "mbconv_k7_e3-identity-16x1/conv_k3-pool-24x2/mbconv_k3_e3-pool-40x1|lr=0.001,bs=64,opt=adam,wd=1e-4");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--key mbconv_k7_e3-identity-16x1/conv_k3-pool-24x2/mbconv_k3_e3-pool-40x1|lr="
                + "0.001,bs=64,opt=adam,wd=1e-4: not a candidate of the study's space 'bench': block 0 "
                + "'mbconv_k7_e3-identity-16x1' is not in space 'bench'"), bad.err());
        Cli.Result notOne = Cli.run(directory, "enqueue", "--db", "queued", "--architecture", SPACE.toString());
        assertEquals(2, notOne.exitCode(), notOne.toString());
        assertTrue(notOne.err().contains("--architecture " + SPACE + ": a space with 7 searched dimension(s), not one "
                + "architecture"), notOne.err());
        assertEquals(List.of(), read(SqlStorage::queue), "nothing was queued");

        Cli.Result queued = Cli.run(directory, "enqueue", "--db", "queued", "--key", wanted.get(0).key(),
                "--key", wanted.get(1).key(), "--architecture", architecture.toString());
        assertEquals(0, queued.exitCode(), queued.toString());
        assertTrue(queued.out().contains("nas: queued #2 " + wanted.get(2).key() + " from " + architecture),
                queued.out());
        List<Queued> queue = read(SqlStorage::queue);
        assertEquals(wanted, queue.stream().map(Queued::candidate).toList());
        assertEquals(List.of("--key", "--key", architecture.toString()), queue.stream().map(Queued::source).toList());
        int workers = read(storage -> storage.workers().workers().size());
        assertEquals(1, workers, "enqueue joined no worker");

        // Killed (SIGKILL) while training the second queued candidate, then resumed as a user would.
        Cli.Running killed = Cli.start(directory, "resume", "--db", "queued", "--budget", "5");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!killed.outSoFar().contains("trial #2  " + wanted.get(1).key() + "  (queued #1)")
                && killed.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        while (read(storage -> storage.epochsSoFar(2).size()) < 2 && killed.process().isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // H2 writes commits to the file a moment after they are made: a kill loses the last of them, so the study
        // is given time to have its trial #2 on file, about half-way through it.
        Thread.sleep(1000);
        killed.process().destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        String output = killed.outSoFar();
        List<Trial> atKill = read(SqlStorage::trials);
        Trial interrupted = atKill.stream().filter(t -> t.state() == TrialState.RUNNING).findFirst().orElseThrow(
                () -> new AssertionError("no trial was running at the kill: " + atKill + "\n" + output));
        assertTrue(interrupted.attributes().containsKey(Study.ENQUEUED), "killed in a queued trial: " + interrupted);
        int done = read(storage -> storage.epochsSoFar(interrupted.number()).size());
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "queued", "--budget", "5");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(done == 0 || resumed.out().contains("trial #" + interrupted.number() + "  "
                + interrupted.candidate().key() + "  (queued #" + interrupted.attributes().get(Study.ENQUEUED)
                + ")  (continued after epoch " + done + " of 10)"), "the same trial, from its last epoch\n"
                + resumed.out());

        List<Trial> trials = read(SqlStorage::trials);
        assertEquals(5, trials.size());
        for (int i = 0; i < 3; i++) {
            Trial t = trials.get(i + 1);
            assertEquals(wanted.get(i), t.candidate(), "trial " + t.number());
            assertEquals(Integer.toString(i), t.attributes().get(Study.ENQUEUED), "trial " + t.number());
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(10, t.epochsSpent(), "trained once, in full: " + t);
        }
        assertNull(trials.get(4).attributes().get(Study.ENQUEUED), "then the controller's");
        JsonNode status = JSON.readTree(Cli.run(directory, "status", "--db", "queued", "--format", "json").out());
        assertEquals(0, status.get("queue").get("waiting").size(), status.toString());
        assertEquals(List.of(1, 2, 3), JSON.convertValue(status.get("queue").get("taken"), List.class));
        assertEquals(5.0, status.get("budget_spent").asDouble(), "queued trials spend the study's budget");
    }
}
