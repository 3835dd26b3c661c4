package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas compare --out}: one row per controller, seed and budget, whose quartiles are what compare prints, in
 * the schema the README documents; a complete table adds the share of its true front; bad input exits 2.
 */
class CompareCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
    private static final List<String> COLUMNS = List.of("controller", "seed", "budget", "best_reward",
            "best_accuracy", "hypervolume", "hypervolume_share", "budget_to_target", "optimum_found",
            "distinct_candidates", "hypervolume_unit", "objectives");

    @TempDir
    Path directory;

    private Cli.Result compare(String out) throws Exception {
        Cli.Result result = Cli.run(directory, "compare", "--space", SPACE.toString(), "--table", TABLE.toString(),
                "--controllers", "random,asha", "--seeds", "3", "--budgets", "5,10", "--out", out);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void theRunsFileHoldsWhatThePrintedQuartilesSummarise() throws Exception {
        Cli.Result csvRun = compare("runs.csv");
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(directory.resolve("runs.csv"));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertEquals(COLUMNS, csv.getHeaderNames());
            records = csv.getRecords();
        }
        assertEquals(2 * 2 * 3, records.size(), "controllers x budgets x seeds");

        Matcher summary = Pattern.compile("the true front's (\\d\\.\\d+); random's best (\\d\\.\\d+) .*"
                + "the table's best reward (\\d\\.\\d+); 192 candidates in .* \\(every candidate of the space\\)")
                .matcher(csvRun.out());
        assertTrue(summary.find(), csvRun.out());
        double trueFront = Double.parseDouble(summary.group(1));
        double optimum = Double.parseDouble(summary.group(3));
        for (CSVRecord r : records) {
            double reward = Double.parseDouble(r.get("best_reward"));
            assertEquals(Double.parseDouble(r.get("hypervolume")) / trueFront,
                    Double.parseDouble(r.get("hypervolume_share")), 1e-3, r.toString());
            assertEquals(reward >= optimum - 5e-5, Boolean.parseBoolean(r.get("optimum_found")), r.toString());
            assertTrue(Double.parseDouble(r.get("best_accuracy")) >= 0.8, r.toString());
            assertEquals("fraction x ms", r.get("hypervolume_unit"), r.toString());
            assertEquals("accuracy (fraction, maximize); latency (ms, minimize)", r.get("objectives"), r.toString());
            int distinct = Integer.parseInt(r.get("distinct_candidates"));
            assertTrue(distinct >= 1, r.toString());
            String toTarget = r.get("budget_to_target");
            assertTrue(toTarget.isEmpty() || Double.parseDouble(toTarget) <= Double.parseDouble(r.get("budget")),
                    r.toString());
        }
        assertEquals("0.8100320403017514", records.get(0).get("best_reward"), "golden: random, seed 1, budget 5");

        Map<String, List<CSVRecord>> byRow = records.stream().collect(Collectors.groupingBy(
                r -> r.get("controller") + " " + r.get("budget")));
        for (String line : csvRun.out().lines().filter(l -> l.startsWith("random ") || l.startsWith("asha "))
                .toList()) {
            String[] cells = line.trim().split("\\s{2,}");
            List<CSVRecord> runs = byRow.get(cells[0] + " " + Double.parseDouble(cells[1]));
            assertEquals(cells[2], quartiles(runs, "best_reward", "%.4f"), line);
            assertEquals(cells[3], quartiles(runs, "hypervolume", "%.3f"), line);
            assertEquals(cells[4], quartiles(runs, "hypervolume_share", "%.3f"), line);
            assertEquals(cells[5], reached(runs, Double.parseDouble(cells[1])), line);
        }

        compare("runs.json");
        JsonNode json = JSON.readTree(directory.resolve("runs.json").toFile());
        assertEquals(records.size(), json.size());
        List<String> fields = new ArrayList<>();
        json.get(0).fieldNames().forEachRemaining(fields::add);
        assertEquals(COLUMNS, fields);
        for (int i = 0; i < records.size(); i++) {
            JsonNode row = json.get(i);
            CSVRecord record = records.get(i);
            assertEquals(Double.parseDouble(record.get("best_reward")), row.get("best_reward").asDouble());
            assertEquals(record.get("budget_to_target").isEmpty(), row.get("budget_to_target").isNull());
            assertTrue(row.get("optimum_found").isBoolean() && row.get("seed").isIntegralNumber(), row.toString());
        }
    }

    private static String quartiles(List<CSVRecord> runs, String column, String format) {
        Percentile percentile = new Percentile();
        percentile.setData(runs.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).toArray());
        return String.format(format + " [" + format + ", " + format + "]", percentile.evaluate(50),
                percentile.evaluate(25), percentile.evaluate(75));
    }

    /** The budget by which a quarter, half, three quarters of the runs reached random's best: ceil(q n)-th. */
    private static String reached(List<CSVRecord> runs, double budget) {
        double[] sorted = runs.stream().mapToDouble(r -> r.get("budget_to_target").isEmpty() ? Double.MAX_VALUE
                : Double.parseDouble(r.get("budget_to_target"))).sorted().toArray();
        Function<Double, String> at = q -> {
            double spent = sorted[(int) Math.ceil(q * sorted.length) - 1];
            return spent > budget ? "never" : String.format("%.1f", spent);
        };
        return at.apply(0.5) + " [" + at.apply(0.25) + ", " + at.apply(0.75) + "]";
    }

    @Test
    void anOutFileOfUnknownFormatOrAMalformedNoisyTableIsBadInput() throws Exception {
        Cli.Result text = Cli.run(directory, "compare", "--space", SPACE.toString(), "--table", TABLE.toString(),
                "--out", "runs.txt");
        assertEquals(2, text.exitCode(), text.toString());
        assertTrue(text.err().contains("--out: runs.txt ends in neither .csv nor .json"), text.err());

        List<String> lines = new ArrayList<>(Files.readAllLines(TABLE));
        int header = (int) lines.stream().takeWhile(l -> l.startsWith("#")).count();
        lines.set(header, lines.get(header).replace(",accuracy,", ",accuracy_run_1,accuracy_run_3,"));
        Path noisy = directory.resolve("noisy.csv");
        Files.write(noisy, lines);
        Cli.Result bad = Cli.run(directory, "compare", "--space", SPACE.toString(), "--table", noisy.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains(noisy + ":" + (header + 1) + ": accuracy_epoch_1: a table with accuracy_run_R "
                + "columns gives each run's accuracies there"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
        assertFalse(Arrays.stream(bad.err().split("\n")).anyMatch(l -> l.startsWith("\tat ")), bad.err());
    }
}
