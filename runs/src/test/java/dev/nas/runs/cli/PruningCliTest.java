package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --prune median in the real main class, on the shipped tabular benchmark (27 epochs per candidate, no training):
 * trials that fall behind are pruned with their reason and their epochs counted, the rule is kept with the study
 * for resume, a multi-fidelity controller refuses it, and nas compare puts pruned runs beside the others.
 */
class PruningCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    @Test
    void trialsBehindTheMedianArePrunedCountedAndKeptThroughResume() throws Exception {
        Cli.Result search = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--budget", "8", "--prune", "median", "--db", "pruned");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("pruned after epoch "), search.out());
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "pruned", "--budget", "10");
        assertEquals(0, resumed.exitCode(), resumed.toString());

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", "pruned", "--format", "json").out());
        int pruned = 0;
        int epochs = 0;
        for (JsonNode trial : trials) {
            epochs += trial.get("epochs").asInt();
            if (trial.get("state").asText().equals("pruned")) {
                pruned++;
                assertTrue(trial.get("reason").asText().startsWith("pruned after epoch "), trial.toString());
                assertTrue(trial.get("epochs").asInt() < 27, trial.toString());
            }
        }
        assertTrue(pruned > 0 && trials.size() > 10, trials.size() + " trials, " + pruned + " pruned");
        assertTrue(epochs <= 10 * 27, "the budget counts every epoch trained: " + epochs);
        Cli.Result status = Cli.run(directory, "status", "--db", "pruned");
        assertTrue(status.out().contains(pruned + " pruned, 0 running"), status.out());
        assertTrue(resumed.out().contains("pruned after epoch "), "resume prunes as the search did\n" + resumed);
    }

    @Test
    void aMultiFidelityControllerRefusesAPrunerAndCompareShowsPrunedRuns() throws Exception {
        Cli.Result refused = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--budget", "4", "--prune", "median", "--controller", "asha", "--db", "asha");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--prune median: the controller asha already stops trials early"),
                refused.err());
        assertFalse(Files.exists(directory.resolve("asha.mv.db")));
        Cli.Result unknown = Cli.run(directory, "--space", SPACE.toString(), "--budget", "1", "--prune", "hyper");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--prune: unknown pruner 'hyper' (expected none or median)"),
                unknown.err());

        Cli.Result compare = Cli.run(directory, "compare", "--space", SPACE.toString(), "--table", TABLE.toString(),
                "--controllers", "random", "--seeds", "3", "--budgets", "5", "--prune", "median");
        assertEquals(0, compare.exitCode(), compare.toString());
        assertTrue(compare.out().contains("random + median"), compare.out());
    }
}
