package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Trial;
import dev.nas.eval.data.Dataset;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * nas latency end to end, in its own JVM, on the tiny space and a smaller one: a sheet sampled, filled in and
 * imported row by row; a search scored by a lookup table profiled on this machine; a predictor trained on the
 * networks measured for it and a search scored by that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatencyCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static Path data;
    static Path tiny;
    /** The tiny space with 3 x 3 kernels only: 48 layers to time instead of 84. */
    static Path small;

    @BeforeAll
    static void data() throws Exception {
        tiny = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize();
        small = directory.resolve("small.yaml");
        Files.writeString(small, Files.readString(tiny).replace("name: tiny", "name: small")
                .replace("kernel: [3, 5]", "kernel: [3]"));
        data = directory.resolve("fashion-300");
        CliTest.writeIdx(Dataset.embedded().train().head(300), data);
    }

    /** The small space with its latency from {@code source}. */
    private static Path smallWith(String source) throws Exception {
        Path space = directory.resolve("small-" + source + ".yaml");
        Files.writeString(space, Files.readString(small) + "  latency: {source: " + source + "}\n");
        return space;
    }

    @Test
    @Order(1)
    void aSampledSheetImportsOnlyIfEveryRowIsGoodOrIfToldToKeepTheGoodOnes() throws Exception {
        Cli.Result sample = Cli.run(directory, "latency", "sample", "--space", tiny.toString(), "--n", "16",
                "--out", "sheet.csv");
        assertEquals(0, sample.exitCode(), sample.toString());
        List<String> lines = Files.readAllLines(directory.resolve("sheet.csv"));
        List<String> filled = new ArrayList<>();
        int row = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("key,")) {
                filled.add(line);
            } else {
                row++;
                // Rows 3, 7 and 11 are bad: no figure, a word, a negative figure.
                filled.add(line + switch (row) {
                    case 3 -> "";
                    case 7 -> "quick";
                    case 11 -> "-2.5";
                    default -> Double.toString(0.5 + 0.1 * row);
                });
            }
        }
        Path sheet = directory.resolve("filled.csv");
        Files.write(sheet, filled);
        int header = (int) lines.stream().filter(l -> l.startsWith("#")).count() + 1;

        Cli.Result refused = Cli.run(directory, "latency", "import", "--space", tiny.toString(), "--device", "pi",
                "--csv", "filled.csv");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("3 of 16 rows of filled.csv cannot be imported"), refused.err());
        assertTrue(refused.err().contains("filled.csv:" + (header + 3) + ": latency_ms is empty"), refused.err());
        assertTrue(refused.err().contains("filled.csv:" + (header + 7) + ": latency_ms 'quick' is not a number"),
                refused.err());
        assertTrue(refused.err().contains("filled.csv:" + (header + 11) + ": latency_ms must be a positive number"),
                refused.err());
        assertTrue(refused.err().contains("give --keep-good to keep the 13 good rows"), refused.err());
        assertFalse(Files.exists(directory.resolve("devices/pi/networks.csv")), "nothing imported");

        Cli.Result kept = Cli.run(directory, "latency", "import", "--space", tiny.toString(), "--device", "pi",
                "--csv", "filled.csv", "--keep-good");
        assertEquals(0, kept.exitCode(), kept.toString());
        assertTrue(kept.out().contains("imported 13 of 16 rows into device 'pi'"), kept.out());
        assertEquals(3, kept.err().lines().filter(l -> l.startsWith("nas: skipped filled.csv:")).count(), kept.err());

        Cli.Result again = Cli.run(directory, "latency", "import", "--space", tiny.toString(), "--device", "pi",
                "--csv", "filled.csv", "--keep-good");
        assertEquals(2, again.exitCode(), "every row is bad now: measured already, or bad as before\n" + again);
        assertTrue(again.err().contains("this architecture is measured for the device already"), again.err());

        Cli.Result trained = Cli.run(directory, "latency", "train", "--space", tiny.toString(), "--device", "pi",
                "--folds", "3");
        assertEquals(0, trained.exitCode(), trained.toString());
        assertTrue(trained.out().contains("Held-out networks:"), trained.out());
        assertTrue(trained.out().contains("kendall_tau"), trained.out());
        assertFalse(trained.out().contains("lookup table"), "a device measured elsewhere has no table");
        assertTrue(Files.exists(directory.resolve("devices/pi/predictor-tiny.ser")));
    }

    @Test
    @Order(2)
    void aSearchScoredByALookupTableProfilesItOnceAndKeepsItInTheStudy() throws Exception {
        Cli.Result search = Cli.run(directory, "--space", smallWith("lut").toString(), "--budget", "2", "--epochs", "1",
                "--db", "lut-study", "--data", data.toString());
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("timing 48 layers of space 'small' for device 'local'"), search.out());
        for (JsonNode trial : JSON.readTree(Cli.run(directory, "trials", "--db", "lut-study", "--format", "json")
                .out())) {
            assertEquals("lookup_table", trial.get("latency_source").asText(), trial.toString());
        }
        Cli.Result stored = Cli.run(directory, "latency", "table", "--db", "lut-study", "--format", "csv");
        assertEquals(0, stored.exitCode(), stored.toString());
        assertEquals(1 + 48, stored.out().lines().count(), "a header and the space's 48 layers");
        Cli.Result device = Cli.run(directory, "latency", "table", "--device", "local", "--format", "csv");
        assertEquals(stored.out(), device.out(), "the study holds the device's rows for its space");

        Cli.Result second = Cli.run(directory, "--space", smallWith("lut").toString(), "--db", "lut-again",
                "--data", data.toString(), "--epochs", "1", "--budget", "1");
        assertEquals(0, second.exitCode(), second.toString());
        assertFalse(second.out().contains("timing"), "a second study reuses the device's table\n" + second.out());
    }

    @Test
    @Order(3)
    void aSearchScoredByAPredictorTrainedOnTheNetworksMeasuredHere() throws Exception {
        Cli.Result trained = Cli.run(directory, "latency", "train", "--space", small.toString(), "--folds", "3");
        assertEquals(0, trained.exitCode(), trained.toString());
        assertTrue(trained.out().contains("lookup table"), "this machine's device has a table\n" + trained.out());
        Cli.Result eval = Cli.run(directory, "latency", "eval", "--space", small.toString());
        assertEquals(0, eval.exitCode(), eval.toString());
        assertTrue(eval.out().contains("networks it was not trained on"), eval.out());

        Cli.Result search = Cli.run(directory, "--space", smallWith("predictor").toString(), "--budget", "1",
                "--epochs", "1", "--db", "predictor-study", "--data", data.toString());
        assertEquals(0, search.exitCode(), search.toString());
        for (JsonNode trial : JSON.readTree(Cli.run(directory, "trials", "--db", "predictor-study", "--format",
                "json").out())) {
            assertEquals("predictor", trial.get("latency_source").asText(), trial.toString());
        }
    }

    @Test
    @Order(4)
    void aSearchForADeviceWithoutAPredictorIsRefusedBeforeAnythingIsMade() throws Exception {
        Path space = directory.resolve("tiny-phone.yaml");
        Files.writeString(space, Files.readString(tiny) + "  latency: {source: predictor, device: phone}\n");
        Cli.Result refused = Cli.run(directory, "--space", space.toString(), "--db", "phone-study", "--data",
                data.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("device 'phone' has no predictor for space 'tiny'"), refused.err());
        assertFalse(Files.exists(directory.resolve("phone-study.mv.db")));

        Path lutOnPi = directory.resolve("tiny-lut-pi.yaml");
        Files.writeString(lutOnPi, Files.readString(tiny) + "  latency: {source: lut, device: pi}\n");
        Cli.Result imported = Cli.run(directory, "--space", lutOnPi.toString(), "--db", "pi-study", "--data",
                data.toString());
        assertEquals(2, imported.exitCode(), imported.toString());
        assertTrue(imported.err().contains("its layers and networks cannot be timed here"), imported.err());
        assertFalse(Files.exists(directory.resolve("pi-study.mv.db")));
    }

    @Test
    @Order(5)
    void anImportStoppedAtAnyMomentLeavesTheDeviceWithEveryRowOrNone() throws Exception {
        Path mobile = Path.of("..", "spaces", "mobile.yaml").toAbsolutePath().normalize();
        Cli.Result sample = Cli.run(directory, "latency", "sample", "--space", mobile.toString(), "--n", "20000",
                "--out", "big.csv");
        assertEquals(0, sample.exitCode(), sample.toString());
        Cli.Result again = Cli.run(directory, "latency", "sample", "--space", mobile.toString(), "--n", "3",
                "--out", "big.csv");
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("--out: big.csv exists; give another name, or --force to replace it"),
                again.err());
        List<String> filled = Files.readAllLines(directory.resolve("big.csv")).stream()
                .map(l -> l.startsWith("#") || l.startsWith("key,") ? l : l + "1.5").toList();
        Files.write(directory.resolve("big-filled.csv"), filled);

        Path networks = directory.resolve("devices/board/networks.csv");
        Random moments = new Random(5);
        for (int attempt = 0; attempt < 4; attempt++) {
            Cli.Running running = Cli.start(directory, "latency", "import", "--space", mobile.toString(),
                    "--device", "board", "--csv", "big-filled.csv");
            Thread.sleep(500 + moments.nextInt(3000));
            running.process().destroy(); // SIGTERM, as a user's kill or a scheduler's would be
            Cli.Result stopped = running.finish();
            long rows = Files.exists(networks) ? Files.readAllLines(networks).stream()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("key,")).count() : 0;
            assertTrue(rows == 20_000 || !Files.exists(networks), rows + " rows after a stop: " + stopped);
            if (rows == 20_000) {
                break;
            }
        }
        if (!Files.exists(networks)) {
            Cli.Result whole = Cli.run(directory, "latency", "import", "--space", mobile.toString(), "--device",
                    "board", "--csv", "big-filled.csv");
            assertEquals(0, whole.exitCode(), whole.toString());
        }
        assertEquals(20_000, Files.readAllLines(networks).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("key,")).count());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(networks)),
                "a device profile is its owner's only");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(networks.getParent())));

        Cli.Result longName = Cli.run(directory, "latency", "import", "--space", mobile.toString(), "--device",
                "d".repeat(300), "--csv", "big-filled.csv");
        assertEquals(2, longName.exitCode(), longName.toString());
        assertTrue(longName.err().contains("a device name is 1 to 64 letters"), longName.err());
        Cli.Result file = Cli.run(directory, "latency", "import", "--space", mobile.toString(), "--device", "x",
                "--devices", "big.csv", "--csv", "big-filled.csv");
        assertEquals(2, file.exitCode(), file.toString());
        assertTrue(file.err().contains("--devices: big.csv is a file, not a folder of device profiles"), file.err());
    }

    /**
     * A device profiled in ONNX Runtime: its layers and networks timed there, the engine recorded with the machine, a
     * lookup-table search predicting ONNX Runtime latency; another engine for the same device is refused.
     */
    @Test
    @Order(6)
    void aDeviceProfiledInOnnxRuntimeScoresSearchesInOnnxRuntimeAndKeepsToThatEngine() throws Exception {
        Cli.Result profiled = Cli.run(directory, "latency", "profile", "--space", small.toString(), "--device", "ort",
                "--engine", "onnxruntime");
        assertEquals(0, profiled.exitCode(), profiled.toString());
        assertTrue(profiled.out().contains("timing 48 layers of space 'small' for device 'ort' in onnxruntime"),
                profiled.out());
        String machine = Files.readString(directory.resolve("devices/ort/machine.properties"));
        assertTrue(machine.contains("engine=onnxruntime\n"), machine);
        assertTrue(machine.contains("backend=ONNX Runtime 1.20"), machine);

        Path space = directory.resolve("small-ort-lut.yaml");
        Files.writeString(space, Files.readString(small) + "  latency: {source: lut, device: ort}\n");
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--budget", "1", "--epochs", "1",
                "--db", "ort-lut", "--data", data.toString());
        assertEquals(0, search.exitCode(), search.toString());
        assertFalse(search.out().contains("timing "), "the device's table is complete: nothing timed again");
        List<Trial> trials = new H2StudyLocation(StudyFiles.of(directory.resolve("ort-lut"))).read(SqlStorage::trials);
        Latency latency = trials.get(0).evaluation().orElseThrow().latency();
        assertEquals(LatencySource.LOOKUP_TABLE, latency.source());
        assertTrue(latency.conditions().backend().startsWith("ONNX Runtime 1.20"), latency.toString());

        Cli.Result other = Cli.run(directory, "latency", "measure", "--space", small.toString(), "--device", "ort",
                "--engine", "dl4j", "--n", "2");
        assertEquals(2, other.exitCode(), other.toString());
        assertTrue(other.err().contains("device 'ort' is timed in onnxruntime, not dl4j"), other.err());
        Cli.Result unknown = Cli.run(directory, "latency", "measure", "--space", small.toString(), "--device", "ort",
                "--engine", "tflite", "--n", "2");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--engine: unknown engine 'tflite' (expected one of dl4j, onnxruntime, "
                + "onnxruntime-int8)"), unknown.err());
    }
}
