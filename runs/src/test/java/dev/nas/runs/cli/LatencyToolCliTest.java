package dev.nas.runs.cli;

import static dev.nas.runs.cli.LatencySheets.TINY;
import static dev.nas.runs.cli.LatencySheets.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.PredictionReport;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency tool as a user with latencies measured elsewhere meets it, in its own JVM: 48 networks of the tiny
 * space with latencies made up from their multiply-accumulates, 40 imported (half of them keyed by architecture
 * alone), a predictor trained on all of them, then judged and run on the other 8.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatencyToolCliTest {

    @TempDir
    static Path directory;
    /** The 8 networks not imported, then the 40 imported: key as written, latency. */
    static List<String> more = new ArrayList<>();
    static List<String> imported = new ArrayList<>();

    @BeforeAll
    static void sheets() throws Exception {
        SearchSpace space = LatencySheets.tinySpace();
        List<String> keys = LatencySheets.sampledKeys(directory, 48);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            double ms = 0.2 + 2e-6 * Cost.of(NetworkPlan.of(space, Candidate.parse(key))).macs();
            // Every other row keyed by its architecture alone, as an external benchmark names networks.
            String written = i % 2 == 0 ? key.substring(0, key.indexOf('|')) : '"' + key + '"';
            (i < 8 ? more : imported).add(written + "," + ms);
        }
        LatencySheets.write(directory.resolve("imported.csv"), imported);
        LatencySheets.write(directory.resolve("more.csv"), more);
        List<String> all = new ArrayList<>(more);
        all.addAll(imported);
        LatencySheets.write(directory.resolve("all.csv"), all);
    }

    @Test
    @Order(1)
    void importedKeysMayLeaveOutTheTrainingPartAndTrainingMayKeepEveryNetwork() throws Exception {
        Cli.Result imported = Cli.run(directory, "latency", "import", "--space", TINY, "--device", "pi", "--csv",
                "imported.csv");
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("imported 40 of 40 rows into device 'pi'"), imported.out());

        Cli.Result curve = Cli.run(directory, "latency", "train", "--space", TINY, "--device", "pi", "--folds", "3",
                "--n", "20");
        assertEquals(0, curve.exitCode(), curve.toString());
        assertTrue(curve.out().contains("40 networks measured whole, 20 to train on, 8 held out"), curve.out());
        assertTrue(curve.out().contains("Held-out networks:"), curve.out());

        Cli.Result all = Cli.run(directory, "latency", "train", "--space", TINY, "--device", "pi", "--folds", "3",
                "--test", "0");
        assertEquals(0, all.exitCode(), all.toString());
        assertTrue(all.out().contains("40 networks measured whole, 40 to train on, 0 held out"), all.out());
        assertTrue(all.out().contains("3-fold cross-validation on the training networks"), all.out());
        assertTrue(all.out().contains("trained on 40 measured networks"), all.out());
        assertFalse(all.out().contains("Held-out networks:"), all.out());
    }

    @Test
    @Order(2)
    void evalLeavesOutTheNetworksTrainedOnAndItsPerRowPredictionsAreWhatPredictWrites() throws Exception {
        Cli.Result eval = Cli.run(directory, "latency", "eval", "--space", TINY, "--device", "pi", "--csv",
                "all.csv", "--out", "eval.csv");
        assertEquals(0, eval.exitCode(), eval.toString());
        assertTrue(eval.out().contains("on 8 networks it was not trained on (40 it was trained on left out)"),
                eval.out());
        Cli.Result predict = Cli.run(directory, "latency", "predict", "--space", TINY, "--device", "pi", "--csv",
                "more.csv", "--out", "predict.csv");
        assertEquals(0, predict.exitCode(), predict.toString());
        assertTrue(predict.out().contains("wrote 8 predictions to predict.csv"), predict.out());
        assertEquals(Files.readString(directory.resolve("eval.csv")), Files.readString(directory.resolve(
                "predict.csv")), "the same rows, predicted alike");

        List<CSVRecord> rows = csv(directory.resolve("predict.csv"));
        assertEquals(more.stream().map(r -> r.substring(0, r.lastIndexOf(',')).replace("\"", "")).toList(),
                rows.stream().map(r -> r.get("key")).toList(), "each row's key as written, in order");
        PredictionReport report = PredictionReport.of(rows.stream().mapToDouble(r -> Double.parseDouble(
                r.get("latency_ms"))).toArray(), rows.stream().mapToDouble(r -> Double.parseDouble(
                r.get("predicted_ms"))).toArray());
        String line = eval.out().lines().filter(l -> l.startsWith("predictor (")).findFirst().orElseThrow();
        assertEquals(List.of("8", String.format("%.4g", report.rmseMs()), String.format("%.4g", 100 * report.mape()),
                String.format("%.4g", 100 * report.within5()), String.format("%.4g", 100 * report.within10()),
                String.format("%.4g", report.kendallTau())), List.of(line.split("\\s{2,}")).subList(1, 7),
                "eval summarises the predictions it writes\n" + eval.out());

        Files.writeString(directory.resolve("unmeasured.csv"), "key\n" + more.get(0).split(",")[0] + "\n");
        Cli.Result blank = Cli.run(directory, "latency", "predict", "--space", TINY, "--device", "pi", "--csv",
                "unmeasured.csv", "--out", "blank.csv");
        assertEquals(0, blank.exitCode(), blank.toString());
        assertEquals("", csv(directory.resolve("blank.csv")).get(0).get("latency_ms"),
                "no latency where the row has none");
    }

    @Test
    @Order(3)
    void badRowsAndAMistypedDeviceAreRefusedClearly() throws Exception {
        String bad = more.get(1).substring(0, more.get(1).lastIndexOf(',')) + ",slow";
        Files.writeString(directory.resolve("bad.csv"), "key,latency_ms\n" + more.get(0) + "\n" + bad + "\n"
                + more.get(2) + "\n");
        Cli.Result refused = Cli.run(directory, "latency", "eval", "--space", TINY, "--device", "pi", "--csv",
                "bad.csv");
        assertEquals(2, refused.exitCode(), refused.toString());
        String key = more.get(1).substring(1, more.get(1).lastIndexOf(',') - 1);
        assertTrue(refused.err().contains("1 of 3 rows of bad.csv cannot be used to judge the predictor:\n  "
                + "bad.csv:3: latency_ms 'slow' is not a number (key '" + key + "')"), refused.err());
        Cli.Result kept = Cli.run(directory, "latency", "eval", "--space", TINY, "--device", "pi", "--csv",
                "bad.csv", "--keep-good");
        assertEquals(0, kept.exitCode(), kept.toString());
        assertTrue(kept.err().contains("nas: skipped bad.csv:3:"), kept.err());
        assertTrue(kept.out().contains("on 2 networks it was not trained on"), kept.out());
        Cli.Result nothingToKeep = Cli.run(directory, "latency", "eval", "--space", TINY, "--device", "pi",
                "--keep-good");
        assertEquals(2, nothingToKeep.exitCode(), nothingToKeep.toString());
        assertTrue(nothingToKeep.err().contains("--keep-good needs --csv"), nothingToKeep.err());

        for (String command : List.of("eval", "train")) {
            Cli.Result typo = Cli.run(directory, "latency", command, "--space", TINY, "--device", "pj");
            assertEquals(2, typo.exitCode(), typo.toString());
            assertEquals("nas: there is no device 'pj' in devices; its devices are pi\nnas: nothing was changed.\n",
                    typo.err(), "the devices named, no stack trace");
        }
        Cli.Result typo = Cli.run(directory, "latency", "predict", "--space", TINY, "--device", "pj", "--csv",
                "more.csv", "--out", "typo.csv");
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("its devices are pi"), typo.err());
        assertFalse(Files.exists(directory.resolve("typo.csv")));
    }
}
