package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.onnx.OrtModel;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * nas export end to end on a real two-trial study of the tiny space, read back with plain DL4J and Jackson; the
 * search is watched with nas status --watch while it runs.
 */
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 5;

    @TempDir
    static Path directory;
    static Path data;
    static JsonNode trials;
    static Cli.Result watch;

    @BeforeAll
    static void searchTheTinySpace() throws Exception {
        Path tiny = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize();
        data = directory.resolve("fashion-600");
        CliTest.writeIdx(Dataset.embedded().train().head(600), data);
        CliTest.writeIdx(Dataset.embeddedTest().train().head(300), data, "t10k");
        Cli.Running running = Cli.start(directory, "--space", tiny.toString(), "--budget", "2", "--seed",
                Long.toString(SEED), "--db", "study", "--data", data.toString());
        // Watched from another process while it runs, as an engineer would.
        while (!Files.exists(directory.resolve("study.mv.db")) && running.process().isAlive()) {
            Thread.sleep(100);
        }
        watch = Cli.run(directory, "status", "--db", "study", "--watch", "--interval", "1");
        Cli.Result search = running.finish();
        assertEquals(0, search.exitCode(), search.toString());
        trials = JSON.readTree(Cli.run(directory, "trials", "--db", "study", "--format", "json").out());
        assertEquals(2, trials.size(), search + "\n" + watch);
    }

    @Test
    void statusWatchFollowedTheSearchWithoutKeepingItOutAndStoppedAtItsEnd() {
        assertEquals(0, watch.exitCode(), watch.toString());
        String last = watch.out().substring(watch.out().lastIndexOf("study       "));
        assertTrue(last.contains("budget      2 of 2 full trainings spent, 0 left"), last);
        assertTrue(last.contains("trials      2: 2 complete, 0 failed, 0 running"), last);
        assertFalse(last.contains("next refresh"), "it stops once the budget is spent and nothing runs");
    }

    @Test
    void theExportedModelLoadsWithPlainDl4jAndIsTheTrainedNetwork() throws Exception {
        Cli.Result export = Cli.run(directory, "export", "--db", "study", "--trial", "1", "--out", "models/t1");
        assertEquals(0, export.exitCode(), export.toString());
        Path out = directory.resolve("models/t1");
        ComputationGraph exported = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(), false);
        ComputationGraph trained = ModelSerializer.restoreComputationGraph(
                directory.resolve("study.checkpoints/trial-1.zip").toFile(), false);
        INDArray images = features(Dataset.embedded().train().head(16));
        assertArrayEquals(trained.outputSingle(images).ravel().toFloatVector(),
                exported.outputSingle(images).ravel().toFloatVector(),
                "the same outputs as the network the search trained, for the same input");

        // And it is the network the study scored: on the study's validation split it has the recorded accuracy.
        Split split = Split.stratified(Dataset.load(data, exported(out).input()).train(), 0.2, SEED);
        assertEquals(trials.get(1).get("accuracy").asDouble(), accuracy(exported, split.validation()), 0);
    }

    @Test
    void theOnnxModelBesideItRunsInOnnxRuntimeAsDl4jRunsTheNetwork() throws Exception {
        Cli.Result export = Cli.run(directory, "export", "--db", "study", "--trial", "1", "--out", "models/onnx");
        assertEquals(0, export.exitCode(), export.toString());
        Path out = directory.resolve("models/onnx");
        JsonNode onnx = JSON.readTree(out.resolve("manifest.json").toFile()).get("onnx");
        assertEquals("input", onnx.get("input").asText());
        assertEquals("[\"N\",\"1\",\"28\",\"28\"]", onnx.get("input_shape").toString());
        assertTrue(onnx.get("checked_on").asText().contains("of the study's validation images"), onnx.toString());
        assertTrue(onnx.get("max_abs_difference").asDouble() <= 1e-4, onnx.toString());
        assertTrue(onnx.get("same_class").asDouble() >= 0.999, onnx.toString());
        assertEquals(DigestUtils.sha256Hex(Files.readAllBytes(out.resolve("model.onnx"))), onnx.get("sha256").asText());

        ComputationGraph dl4j = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(), false);
        INDArray images = features(Dataset.embeddedTest().train().head(32));
        float[][] expected = dl4j.outputSingle(images).toFloatMatrix();
        try (OrtModel runtime = new OrtModel(Files.readAllBytes(out.resolve("model.onnx")))) {
            float[][] probabilities = runtime.run(images.data().asFloat(), 32, new long[] {1, 28, 28});
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], probabilities[i], 1e-4f, "image " + i);
            }
        }
    }

    @Test
    void int8AddsAQuantizedModelWithItsAccuracySizeAndSpeedAgainstFp32() throws Exception {
        Cli.Result export = Cli.run(directory, "export", "--db", "study", "--trial", "1", "--out", "models/int8",
                "--int8", "--opset", "17");
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(export.out().contains("; int8: accuracy "), export.out());
        Path out = directory.resolve("models/int8");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(17, manifest.get("onnx").get("opset").asInt());
        assertEquals("model-int8.onnx", manifest.get("files").get("int8").asText());
        JsonNode int8 = manifest.get("int8");
        byte[] quantized = Files.readAllBytes(out.resolve("model-int8.onnx"));
        byte[] fp32 = Files.readAllBytes(out.resolve("model.onnx"));
        assertEquals(DigestUtils.sha256Hex(quantized), int8.get("sha256").asText());
        assertEquals(quantized.length, int8.get("bytes").asLong());
        assertEquals(fp32.length, int8.get("fp32_bytes").asLong());
        // Weights shrink fourfold; in a network of 5,700 parameters the scales and Q/DQ nodes take back some of it.
        assertTrue(int8.get("size_ratio").asDouble() < 0.9, int8.toString());
        assertEquals((double) quantized.length / fp32.length, int8.get("size_ratio").asDouble(), 1e-12);
        assertEquals(300, int8.get("calibration_images").asInt(), "calibrated on training images, not validation");
        assertTrue(int8.get("quantization").asText().contains("per output channel"), int8.toString());
        assertEquals(manifest.get("metrics").get("validation_accuracy").asDouble(),
                int8.get("fp32_accuracy").asDouble(), 0.01, "ONNX Runtime scores the fp32 model as DL4J did");
        assertEquals(int8.get("accuracy").asDouble() - int8.get("fp32_accuracy").asDouble(),
                int8.get("accuracy_change").asDouble(), 1e-12);
        assertTrue(Math.abs(int8.get("accuracy_change").asDouble()) <= 0.03, int8.toString());
        assertTrue(int8.get("latency_ms").asDouble() > 0 && int8.get("speed_up").asDouble() > 0, int8.toString());
        assertTrue(int8.get("baseline_bytes_rate").asDouble() > 0, int8.toString());

        INDArray images = features(Dataset.embeddedTest().train().head(64));
        try (OrtModel full = new OrtModel(fp32); OrtModel eight = new OrtModel(quantized)) {
            int[] fp32Classes = argmax(full.run(images.data().asFloat(), 64, new long[] {1, 28, 28}));
            int[] int8Classes = argmax(eight.run(images.data().asFloat(), 64, new long[] {1, 28, 28}));
            int same = 0;
            for (int i = 0; i < 64; i++) {
                same += fp32Classes[i] == int8Classes[i] ? 1 : 0;
            }
            assertTrue(same >= 58, same + " of 64 images keep their class");
        }
    }

    @Test
    void theExportedArchitectureReloadsToTheSameCandidate() throws Exception {
        assertEquals(0, Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "models/t0")
                .exitCode());
        Path out = directory.resolve("models/t0");
        String key = trials.get(0).get("key").asText();
        assertEquals(key + "\n", Files.readString(out.resolve("candidate.key")));
        SearchSpace one = exported(out);
        assertEquals(0, one.codec().dimensions().size(), "every choice fixed");
        assertEquals(key, one.codec().decode(new double[0]).key());
        assertEquals("tiny-trial-0", one.name());
    }

    @Test
    void theManifestHoldsMetricsLatencyCompressionSeedsDataAndVersions() throws Exception {
        assertEquals(0, Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "models/m0",
                "--baseline", "1").exitCode());
        Path out = directory.resolve("models/m0");
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode trial = trials.get(0);
        JsonNode baseline = trials.get(1);
        assertEquals(0, m.get("trial").asInt());
        assertEquals(trial.get("key").asText(), m.get("key").asText());
        assertTrue(m.get("architecture").get(0).asText().startsWith("block 1: "), m.toString());
        assertEquals(DigestUtils.sha256Hex(Files.readAllBytes(out.resolve("model.zip"))),
                m.get("model").get("sha256").asText());
        assertEquals(1, m.get("model").get("epochs").asInt());
        assertEquals(trial.get("params").asLong(), m.get("model").get("params").asLong());
        assertEquals(trial.get("accuracy").asDouble(), m.get("metrics").get("validation_accuracy").asDouble());
        assertEquals(trial.get("reward").asDouble(), m.get("metrics").get("reward").asDouble());
        assertEquals(trial.get("macs").asLong(), m.get("metrics").get("macs").asLong());
        JsonNode latency = m.get("latency");
        assertEquals(trial.get("latency_ms").asDouble(), latency.get("median_ms").asDouble());
        assertEquals(trial.get("latency_spread_ms").asDouble(), latency.get("spread_ms").asDouble());
        assertEquals("measured", latency.get("source").asText());
        assertEquals(1, latency.get("threads").asInt());
        for (String field : List.of("device", "cpu", "jvm", "backend")) {
            assertFalse(latency.get(field).asText().isBlank(), field + " in " + latency);
        }
        // Compression against trial 1, computed by hand from the two trials' figures.
        JsonNode c = m.get("compression");
        assertEquals(1, c.get("baseline_trial").asInt());
        double before = baseline.get("params").asDouble();
        double after = trial.get("params").asDouble();
        assertEquals(before / after, c.get("rate").asDouble(), 1e-12);
        assertEquals(1 - after / before, c.get("space_saving").asDouble(), 1e-12);
        assertEquals(baseline.get("latency_ms").asDouble() / trial.get("latency_ms").asDouble(),
                c.get("speed_up").asDouble(), 1e-12);
        assertTrue(m.get("retraining").isNull());
        assertEquals(SEED, m.get("seeds").get("study").asLong());
        assertTrue(m.get("seeds").get("trial").isIntegralNumber());
        JsonNode status = JSON.readTree(Cli.run(directory, "status", "--db", "study", "--format", "json").out());
        assertEquals(status.get("data").asText(), m.get("data").get("description").asText());
        assertEquals(status.get("data_sha256").asText(), m.get("data").get("sha256").asText());
        assertEquals("tiny", m.get("study").get("space").asText());
        assertEquals("1.0.0-M2.1", m.get("versions").get("dl4j").asText());
        for (String field : List.of("nas", "nas_of_search", "nd4j", "java", "os")) {
            assertFalse(m.get("versions").get(field).asText().isBlank(), field);
        }
    }

    @Test
    void theWholeFrontIsExportedOneDirectoryPerMember() throws Exception {
        Cli.Result export = Cli.run(directory, "export", "--db", "study", "--front", "--out", "front");
        assertEquals(0, export.exitCode(), export.toString());
        JsonNode front = JSON.readTree(Cli.run(directory, "pareto", "--db", "study", "--format", "json").out());
        Set<String> expected = new HashSet<>();
        front.forEach(member -> expected.add("trial-" + member.get("trial").asInt()));
        try (var dirs = Files.list(directory.resolve("front"))) {
            assertEquals(expected, new HashSet<>(dirs.map(p -> p.getFileName().toString()).toList()));
        }
        for (String member : expected) {
            for (String file : List.of("model.zip", "model.onnx", "architecture.yaml", "candidate.key",
                    "manifest.json")) {
                assertTrue(Files.isRegularFile(directory.resolve("front").resolve(member).resolve(file)), file);
            }
        }
    }

    @Test
    void retrainingScoresTheNewNetworkOnceOnTheTestImages() throws Exception {
        Cli.Result export = Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "models/r0",
                "--retrain-epochs", "1", "--data", data.toString());
        assertEquals(0, export.exitCode(), export.toString());
        Path out = directory.resolve("models/r0");
        JsonNode r = JSON.readTree(out.resolve("manifest.json").toFile()).get("retraining");
        assertEquals(1, r.get("epochs").asInt());
        assertEquals(600, r.get("training_images").asInt(), "every training image, validation ones included");
        assertEquals(300, r.get("test_images").asInt());
        ComputationGraph retrained = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(),
                false);
        ImageSet test = Dataset.loadTest(data, exported(out).input()).train();
        assertEquals(accuracy(retrained, test), r.get("test_accuracy").asDouble(), 0);
        assertTrue(r.get("test_accuracy").asDouble() > 0.15, "10 classes, chance is 0.1: " + r);
    }

    @Test
    void whatCannotBeExportedIsRefusedClearlyAndNothingIsWritten() throws Exception {
        Files.createDirectories(directory.resolve("busy"));
        Files.writeString(directory.resolve("busy/notes.txt"), "mine");
        Cli.Result busy = Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "busy");
        assertEquals(2, busy.exitCode(), busy.toString());
        assertTrue(busy.err().contains("busy exists and is not empty"), busy.err());

        for (String opset : List.of("12", "22")) {
            Cli.Result refused = Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "old",
                    "--int8", "--opset", opset);
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("--opset " + opset + ": models are written in ONNX opsets 13 to 21"),
                    refused.err());
        }
        assertFalse(Files.exists(directory.resolve("old")));

        Cli.Result unwritable = Cli.run(directory, "export", "--db", "study", "--trial", "1", "--int8", "--out",
                "busy/notes.txt/models");
        assertEquals(2, unwritable.exitCode(), unwritable.toString());
        assertTrue(unwritable.err().contains("--out: cannot write " + Path.of("busy/notes.txt/models")
                + ": a file stands where a folder is needed"), unwritable.err());
        assertEquals("mine", Files.readString(directory.resolve("busy/notes.txt")));
        try (var left = Files.list(directory.resolve("busy"))) {
            assertEquals(1, left.count(), "nothing left beside the file");
        }

        Path other = directory.resolve("other-data");
        CliTest.writeIdx(Dataset.embedded().train().head(500), other);
        Cli.Result wrongData = Cli.run(directory, "export", "--db", "study", "--trial", "0", "--out", "wrong",
                "--retrain-epochs", "1", "--data", other.toString());
        assertEquals(2, wrongData.exitCode(), wrongData.toString());
        assertTrue(wrongData.err().contains("--data: the study was trained on"), wrongData.err());

        Path moved = directory.resolve("moved");
        Files.createDirectories(moved);
        Files.copy(directory.resolve("study.mv.db"), moved.resolve("study.mv.db"));
        Files.copy(directory.resolve("study.secret"), moved.resolve("study.secret"));
        Cli.Result missing = Cli.run(moved, "export", "--db", "study", "--trial", "0", "--out", "m");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no trained network at " + moved.resolve("study.checkpoints/trial-0.zip")),
                missing.err());
        assertTrue(missing.err().contains("--retrain-epochs E"), missing.err());
        assertFalse(Files.exists(directory.resolve("wrong")));
        assertFalse(Files.exists(moved.resolve("m")));
    }

    private static SearchSpace exported(Path out) throws IOException {
        return SpaceLoader.load(out.resolve("architecture.yaml"));
    }

    private static INDArray features(ImageSet images) {
        int size = images.shape().pixels() * images.shape().channels();
        float[] pixels = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, pixels, i * size);
        }
        return Nd4j.create(pixels, new long[] {images.size(), images.shape().channels(), images.shape().height(),
                images.shape().width()}, 'c');
    }

    private static int[] argmax(float[][] probabilities) {
        int[] classes = new int[probabilities.length];
        for (int i = 0; i < classes.length; i++) {
            for (int c = 1; c < probabilities[i].length; c++) {
                classes[i] = probabilities[i][c] > probabilities[i][classes[i]] ? c : classes[i];
            }
        }
        return classes;
    }

    private static double accuracy(ComputationGraph network, ImageSet images) {
        INDArray predicted = network.outputSingle(features(images)).argMax(1);
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            correct += predicted.getInt(i) == images.label(i) ? 1 : 0;
        }
        return (double) correct / images.size();
    }
}
