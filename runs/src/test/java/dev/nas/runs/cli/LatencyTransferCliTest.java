package dev.nas.runs.cli;

import static dev.nas.runs.cli.LatencySheets.TINY;
import static dev.nas.runs.cli.LatencySheets.csv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new device's few-shot predictor as a user makes it, in its own JVM: 60 networks of the tiny space with latencies
 * made up for a known device ({@code src}) and for a new one whose latency is a power of the known one's; the new
 * device's predictor transfers from the known device's, its learning curve is drawn, and it keeps predicting after
 * the known device is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatencyTransferCliTest {

    @TempDir
    static Path directory;

    @BeforeAll
    static void sheets() throws Exception {
        SearchSpace space = LatencySheets.tinySpace();
        List<String> known = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (String key : LatencySheets.sampledKeys(directory, 60)) {
            NetworkPlan plan = NetworkPlan.of(space, Candidate.parse(key));
            double ms = 0.2 + 2e-6 * Cost.of(plan).macs() + 0.05 * plan.layers().size();
            known.add('"' + key + "\"," + ms);
            fresh.add('"' + key + "\"," + 2 * Math.pow(ms, 1.2));
        }
        LatencySheets.write(directory.resolve("src.csv"), known);
        LatencySheets.write(directory.resolve("new.csv"), fresh);
        for (String device : List.of("src", "new")) {
            Cli.Result imported = Cli.run(directory, "latency", "import", "--space", TINY, "--device", device,
                    "--csv", device + ".csv");
            assertEquals(0, imported.exitCode(), imported.toString());
        }
        Cli.Result trained = Cli.run(directory, "latency", "train", "--space", TINY, "--device", "src", "--test",
                "0", "--folds", "3");
        assertEquals(0, trained.exitCode(), trained.toString());
    }

    @Test
    @Order(1)
    void theCurveIsWhatTrainWithNReportsAndTransferRanksBetterFromTenNetworks() throws Exception {
        Cli.Result trained = Cli.run(directory, "latency", "train", "--space", TINY, "--device", "new",
                "--transfer-from", "src", "--n", "10", "--test", "0.25");
        assertEquals(0, trained.exitCode(), trained.toString());
        assertTrue(trained.out().contains("60 networks measured whole, 10 to train on, 15 held out"), trained.out());
        assertTrue(trained.out().contains("(transfer from src for device 'new', space 'tiny'"), trained.out());

        Cli.Result curve = Cli.run(directory, "latency", "curve", "--space", TINY, "--device", "new",
                "--transfer-from", "src", "--sizes", "10,20", "--test", "0.25", "--out", "curve.csv");
        assertEquals(0, curve.exitCode(), curve.toString());
        assertTrue(curve.out().contains("60 networks measured whole, 15 held out (seed 1)"), curve.out());
        List<CSVRecord> rows = csv(directory.resolve("curve.csv"));
        assertEquals(List.of("10 no transfer", "10 costs alone", "10 transfer", "20 no transfer", "20 costs alone",
                "20 transfer"), rows.stream().map(r -> r.get("n") + " " + r.get("method")).toList());

        CSVRecord transfer = rows.get(2);
        String line = trained.out().lines().filter(l -> l.startsWith("predictor (")).findFirst().orElseThrow();
        assertEquals("predictor (" + transfer.get("predictor") + ")", line.split("\\s{2,}")[0]);
        assertEquals(List.of(transfer.get("mape_percent"), transfer.get("kendall_tau")).stream()
                .map(v -> String.format("%.4g", Double.parseDouble(v))).toList(),
                List.of(line.split("\\s{2,}")[3], line.split("\\s{2,}")[6]),
                "the curve's point is the held-out report of train --n 10\n" + trained.out());
        assertTrue(Double.parseDouble(transfer.get("kendall_tau"))
                > Double.parseDouble(rows.get(0).get("kendall_tau")), "transfer ranks better\n" + curve.out());
    }

    @Test
    @Order(2)
    void aMissingSourceIsRefusedAndNothingChanges() throws Exception {
        Path saved = directory.resolve("devices/new/predictor-tiny.ser");
        byte[] before = Files.readAllBytes(saved);
        Cli.Result missing = Cli.run(directory, "latency", "train", "--space", TINY, "--device", "new",
                "--transfer-from", "src,pj");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("nas: --transfer-from: there is no device 'pj' in devices; its devices are new, src\n"
                + "nas: nothing was changed.\n", missing.err());
        assertArrayEquals(before, Files.readAllBytes(saved));

        Cli.Result itself = Cli.run(directory, "latency", "curve", "--space", TINY, "--device", "new",
                "--transfer-from", "new", "--sizes", "10");
        assertEquals(2, itself.exitCode(), itself.toString());
        assertTrue(itself.err().contains("--transfer-from: device 'new' cannot transfer from itself"),
                itself.err());
    }

    @Test
    @Order(3)
    void theSavedPredictorCarriesItsSourceAndPredictsWithoutIt() throws Exception {
        Cli.Result before = Cli.run(directory, "latency", "predict", "--space", TINY, "--device", "new", "--csv",
                "new.csv", "--out", "before.csv");
        assertEquals(0, before.exitCode(), before.toString());
        try (Stream<Path> files = Files.walk(directory.resolve("devices/src"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        Cli.Result after = Cli.run(directory, "latency", "predict", "--space", TINY, "--device", "new", "--csv",
                "new.csv", "--out", "after.csv");
        assertEquals(0, after.exitCode(), after.toString());
        assertEquals(Files.readString(directory.resolve("before.csv")),
                Files.readString(directory.resolve("after.csv")), "what a search with source: predictor reads");
    }
}
