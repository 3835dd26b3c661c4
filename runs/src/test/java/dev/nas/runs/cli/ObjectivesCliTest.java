package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.ActivationMemory;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published benchmark with an energy column and no latencies, searched and compared over accuracy, MACs and
 * energy: every output names each objective with its unit and direction, and none calls MACs or energy
 * milliseconds. A space over memory and size shows them in bytes, as computed from each candidate's plan.
 */
class ObjectivesCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path BENCH = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
    private static final String ENERGY_OBJECTIVES = """
            objective:
              pareto: [accuracy, macs, {column: energy_mj, direction: minimize, unit: mJ}]
              target: {objective: energy_mj, value: 2.5}
            """;
    private static final String DESCRIBED = "accuracy (fraction, maximize); macs (count, minimize); "
            + "energy_mj (mJ, minimize)";

    @TempDir
    Path directory;

    /** Energy by candidate key, as written to the table. */
    private final Map<String, Double> energy = new HashMap<>();

    /** bench.csv with its latency_ms column replaced by energy_mj: the latency times 0.75 W, rounded. */
    private Path energyTable() throws Exception {
        Path file = directory.resolve("energy.csv");
        try (Reader reader = Files.newBufferedReader(BENCH);
             CSVParser csv = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                     .get().parse(reader);
             Writer writer = Files.newBufferedWriter(file)) {
            List<String> header = new ArrayList<>(csv.getHeaderNames());
            header.set(header.indexOf("latency_ms"), "energy_mj");
            try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(header.toArray(String[]::new)).get().print(writer)) {
                for (CSVRecord record : csv) {
                    List<String> cells = new ArrayList<>(record.toList());
                    double mj = Math.round(Double.parseDouble(record.get("latency_ms")) * 0.75 * 1e4) / 1e4;
                    cells.set(header.indexOf("energy_mj"), String.format(Locale.ROOT, "%.4f", mj));
                    energy.put(record.get("key"), mj);
                    printer.printRecord(cells);
                }
            }
        }
        return file;
    }

    private Path space(String objective) throws Exception {
        Path file = directory.resolve("space.yaml");
        String bench = Files.readString(SPACE);
        Files.writeString(file, bench.substring(0, bench.indexOf("objective:")) + objective);
        return file;
    }

    @Test
    void aSearchOverMacsAndEnergyLabelsEveryOutputWithItsUnits() throws Exception {
        Path table = energyTable();
        Path space = space(ENERGY_OBJECTIVES);
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", "table:" + table,
                "--budget", "6", "--db", "energy");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("Pareto front (over " + DESCRIBED + "):"), search.out());

        JsonNode front = JSON.readTree(Cli.run(directory, "pareto", "--db", "energy", "--format", "json").out());
        assertTrue(front.size() >= 1, front.toString());
        double previousMacs = -1;
        for (JsonNode member : front) {
            assertEquals(DESCRIBED, member.get("objectives").asText(), member.toString());
            assertEquals(energy.get(member.get("key").asText()), member.get("energy_mj").asDouble(), 1e-12,
                    "the table's energy: " + member);
            assertTrue(member.get("latency_ms").isNull(), member.toString());
            assertTrue(member.get("macs").asDouble() >= previousMacs, "fewest MACs first: " + front);
            previousMacs = member.get("macs").asDouble();
            double mj = member.get("energy_mj").asDouble();
            double expected = member.get("accuracy").asDouble() * Math.pow(mj / 2.5, -0.07);
            assertEquals(expected, member.get("reward").asDouble(), 1e-12, "the reward's target is on energy");
            assertEquals(mj <= 2.5, member.get("feasible").asBoolean(), member.toString());
        }
        String csv = Cli.run(directory, "pareto", "--db", "energy", "--format", "csv").out();
        try (CSVParser parsed = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertTrue(parsed.getHeaderNames().contains("energy_mj"), parsed.getHeaderNames().toString());
            assertEquals("objectives", parsed.getHeaderNames().get(parsed.getHeaderNames().size() - 1));
            for (CSVRecord r : parsed.getRecords()) {
                assertEquals(DESCRIBED, r.get("objectives"));
            }
        }
        Cli.Result text = Cli.run(directory, "pareto", "--db", "energy");
        assertTrue(text.out().endsWith("objectives: " + DESCRIBED + "\n"), text.out());

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", "energy", "--format", "json").out());
        for (JsonNode trial : trials) {
            if (trial.get("state").asText().equals("complete")) {
                assertEquals(energy.get(trial.get("key").asText()), trial.get("energy_mj").asDouble(), 1e-12);
            }
        }

        Cli.Result report = Cli.run(directory, "report", "--db", "energy", "--out", "report.html");
        assertEquals(0, report.exitCode(), report.toString());
        String html = Files.readString(directory.resolve("report.html")).replaceAll("(?s)<script>.*?</script>", "")
                .replaceAll("(?s)<style>.*?</style>", "");
        assertTrue(html.contains("Accuracy against MACs"), "the plane's axis is the first objective after accuracy");
        assertTrue(html.contains("MACs (count, minimize)"), "its axis names unit and direction");
        assertTrue(html.contains("hypervolume (fraction x count x mJ)"), "hypervolume in the objectives' units");
        assertTrue(html.contains("energy_mj (mJ)"), "the front table has an energy column with its unit");
        assertTrue(html.contains("MnasNet reward ACC x (energy_mj / 2.5 mJ)^w"), "the reward's target on energy");
        assertTrue(html.contains(DESCRIBED.replace("; ", ", ")), "the settings name every objective");
        assertFalse(html.contains("accuracy x ms"), "no milliseconds where there is no latency");
        assertFalse(html.contains("NaN"), "no made-up figures");
    }

    @Test
    void aComparisonOverEnergyWithoutLatenciesCarriesItsUnits() throws Exception {
        Path table = energyTable();
        Path space = space(ENERGY_OBJECTIVES);
        Cli.Result compare = Cli.run(directory, "compare", "--space", space.toString(), "--table", table.toString(),
                "--controllers", "random", "--seeds", "2", "--budgets", "5", "--out", "runs.json");
        assertEquals(0, compare.exitCode(), compare.toString());
        assertTrue(compare.out().contains("objectives " + DESCRIBED + "; hypervolume in fraction x count x mJ from "
                + "accuracy 0 fraction, macs "), compare.out());
        assertFalse(compare.out().contains(" ms"), "nothing here is in milliseconds: " + compare.out());
        JsonNode runs = JSON.readTree(directory.resolve("runs.json").toFile());
        assertEquals(2, runs.size(), runs.toString());
        for (JsonNode run : runs) {
            assertEquals("fraction x count x mJ", run.get("hypervolume_unit").asText());
            assertEquals(DESCRIBED, run.get("objectives").asText());
            assertTrue(run.get("hypervolume").asDouble() > 0, run.toString());
            assertTrue(run.get("hypervolume_share").asDouble() > 0 && run.get("hypervolume_share").asDouble() <= 1,
                    "a share of the whole table's front: " + run);
        }
    }

    @Test
    void memoryAndSizeAreBytesFromThePlan() throws Exception {
        Path table = energyTable();
        Path space = space("objective:\n  pareto: [accuracy, memory, size]\n");
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", "table:" + table,
                "--budget", "3", "--db", "bytes");
        assertEquals(0, search.exitCode(), search.toString());
        SearchSpace parsed = SpaceLoader.load(space);
        JsonNode front = JSON.readTree(Cli.run(directory, "pareto", "--db", "bytes", "--format", "json").out());
        for (JsonNode member : front) {
            NetworkPlan plan = NetworkPlan.of(parsed, Candidate.parse(member.get("key").asText()));
            assertEquals(4.0 * ActivationMemory.peak(plan), member.get("memory_bytes").asDouble(), "fp32 activations");
            assertEquals(4.0 * Cost.of(plan).params(), member.get("size_bytes").asDouble(), "fp32 weights");
            assertEquals("accuracy (fraction, maximize); memory (bytes, minimize); size (bytes, minimize)",
                    member.get("objectives").asText());
        }
        Cli.Result bad = Cli.run(directory, "--space", space(ENERGY_OBJECTIVES).toString(), "--objective",
                "table:" + BENCH, "--budget", "3", "--db", "nocolumn");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("the header lacks the column(s) [energy_mj]"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }
}
