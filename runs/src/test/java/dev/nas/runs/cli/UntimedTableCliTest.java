package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.eval.table.TableRow;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published benchmark often has no latencies: a search on such a table trades off accuracy and the objectives
 * left, says so, and every read of the study (status, trials, pareto, report) shows "no latency" rather than a
 * made-up figure. A comparison of a space whose reward targets latency refuses it.
 */
class UntimedTableCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    /** The shipped benchmark with its latency_ms column emptied. */
    private Path untimed() {
        SearchSpace space = SpaceLoader.load(SPACE);
        TabularBenchmark bench = TabularBenchmark.read(Path.of("..", "benchmarks", "bench.csv"), space);
        Path file = directory.resolve("untimed.csv");
        TabularBenchmark.create(file, space, bench.epochs(), List.of("bench.csv without its latencies"));
        for (TableRow row : bench.rows()) {
            TabularBenchmark.append(file, space, TableRow.ofOneRun(row.candidate(), row.accuracyByEpoch(),
                    OptionalDouble.empty(), row.params(), row.flops()));
        }
        return file;
    }

    @Test
    void aSearchOnATableWithoutLatenciesTradesOffWhatIsLeftAndSaysSo() throws Exception {
        Path table = untimed();
        Cli.Result targeted = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + table,
                "--budget", "4", "--db", "untimed");
        assertEquals(2, targeted.exitCode(), targeted.toString());
        assertTrue(targeted.err().contains(table + ": the table has no latency_ms, and the space's objective has "
                + "target_latency_ms"), targeted.err());

        Path space = directory.resolve("bench.yaml");
        Files.writeString(space, Files.readString(SPACE).replaceFirst("(?m)^  target_latency_ms: .*\n", ""));
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", "table:" + table,
                "--budget", "4", "--db", "untimed");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("it has no latency_ms, so the front trades off accuracy alone"),
                search.out());
        assertTrue(search.out().contains("latency none"), search.out());
        assertFalse(search.out().contains("NaN"), search.out());

        Cli.Result status = Cli.run(directory, "status", "--db", "untimed");
        assertTrue(status.out().contains(", latency none, "), status.toString());
        JsonNode json = JSON.readTree(Cli.run(directory, "status", "--db", "untimed", "--format", "json").out());
        assertTrue(json.get("best").get("latency_ms").isNull(), json.toString());
        assertTrue(json.get("data").asText().endsWith(", without latencies"), json.toString());

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", "untimed", "--format", "json").out());
        assertEquals(4, trials.size(), trials.toString());
        for (JsonNode trial : trials) {
            assertTrue(trial.get("latency_ms").isNull(), trial.toString());
            assertEquals("none", trial.get("latency_source").asText(), trial.toString());
        }
        JsonNode front = JSON.readTree(Cli.run(directory, "pareto", "--db", "untimed", "--format", "json").out());
        double best = 0;
        for (JsonNode trial : trials) {
            best = Math.max(best, trial.get("accuracy").asDouble());
        }
        for (JsonNode member : front) {
            assertEquals(best, member.get("accuracy").asDouble(), 0, "a front over accuracy alone: " + front);
        }

        Cli.Result report = Cli.run(directory, "report", "--db", "untimed", "--out", "report.html");
        assertEquals(0, report.exitCode(), report.toString());
        String html = Files.readString(directory.resolve("report.html"));
        assertTrue(html.contains("Accuracy against parameters"), "the plane falls back to parameters");
        String shown = html.replaceAll("(?s)<script>.*?</script>", "");
        int nan = shown.indexOf("NaN");
        assertEquals(-1, nan, () -> "no made-up figures in the report: ..." + shown.substring(Math.max(0, nan - 300),
                Math.min(shown.length(), nan + 60)));
    }

    @Test
    void aComparisonWithATargetLatencyNeedsLatencies() throws Exception {
        Cli.Result compare = Cli.run(directory, "compare", "--space", SPACE.toString(), "--table",
                untimed().toString(), "--seeds", "2", "--budgets", "5");
        assertEquals(2, compare.exitCode(), compare.toString());
        assertTrue(compare.err().contains("the table has no latency_ms, and the space's objective has "
                + "target_latency_ms"), compare.err());
    }
}
