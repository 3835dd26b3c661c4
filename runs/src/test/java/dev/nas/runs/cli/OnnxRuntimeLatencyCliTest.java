package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Trial;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search whose objective times latency in ONNX Runtime, the engine a model ships in, end to end, in fp32 and int8;
 * and the benchmark that compares ONNX Runtime with DL4J.
 */
class OnnxRuntimeLatencyCliTest {

    @TempDir
    Path directory;

    /**
     * Each candidate timed in ONNX Runtime, and in a second engine for the report's comparison: fp32 against DL4J,
     * int8 against fp32. In int8 the study also scores each trained network quantized: the front is over what would
     * ship.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int8"})
    void aSearchTimesEveryCandidateInOnnxRuntimeOnOneThread(String precision) throws Exception {
        boolean int8 = precision.equals("int8");
        Path space = directory.resolve("tiny.yaml");
        Files.writeString(space, Files.readString(Path.of("..", "spaces", "tiny.yaml")).replace(
                "  target_latency_ms: 1.0", "  target_latency_ms: 1.0\n  latency: {source: onnxruntime, precision: "
                        + precision + ", compare_with: " + (int8 ? "onnxruntime" : "measured") + "}"));
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--epochs", "1", "--budget", "2",
                "--db", "ort");
        assertEquals(0, search.exitCode(), search.toString());
        List<Trial> trials = new H2StudyLocation(StudyFiles.of(directory.resolve("ort"))).read(SqlStorage::trials);
        assertEquals(2, trials.size(), search.out());
        for (Trial trial : trials) {
            Evaluation e = trial.evaluation().orElseThrow();
            Latency latency = e.latency();
            assertTrue(latency.conditions().backend().startsWith("ONNX Runtime 1.20"), latency.toString());
            assertTrue(latency.conditions().backend().contains(int8 ? "int8 QDQ" : "fp32"), latency.toString());
            assertEquals(1, latency.conditions().threads());
            assertTrue(latency.medianMs() > 0 && latency.runs() > 0, latency.toString());
            Latency compared = e.comparedLatency().orElseThrow();
            assertTrue(compared.conditions().backend().startsWith(int8 ? "ONNX Runtime 1.20" : "nd4j-native"),
                    compared.toString());
            assertTrue(compared.medianMs() > 0 && compared.runs() > 0, compared.toString());
            assertEquals(int8, e.quantized().isPresent(), e.toString());
            if (int8) {
                assertTrue(compared.conditions().backend().contains("fp32"), compared.toString());
                // Scored as it would ship: the int8 model's accuracy, close to the trained network's.
                assertEquals(e.quantized().get().accuracy(), e.scores().accuracy());
                assertTrue(e.quantized().get().bytes() > 0 && e.quantized().get().floatBytes() > 0, e.toString());
                assertTrue(Math.abs(e.accuracy() - e.trainedAccuracy()) <= 0.05, e.toString());
            } else {
                assertEquals(e.trainedAccuracy(), e.accuracy());
            }
        }
        Cli.Result report = Cli.run(directory, "report", "--db", "ort", "--out", "report.html");
        assertEquals(0, report.exitCode(), report.toString());
        String html = Files.readString(directory.resolve("report.html"));
        String heading = int8 ? "ONNX Runtime fp32 against ONNX Runtime int8" : "DL4J against ONNX Runtime fp32";
        assertTrue(html.contains("<h2>" + heading + "</h2>"), "engine chart in the report");
        assertTrue(html.contains("Kendall&#39;s tau between the two rankings"), "tau in the report");
        assertTrue(html.contains(">speed-up vs " + (int8 ? "ONNX Runtime fp32" : "DL4J") + "</th>"), "front table");
        assertEquals(int8, html.contains("validation accuracy, int8 (%)"), "int8 accuracy axis");
        assertEquals(int8, html.contains(">bytes vs baseline</th>"), "int8 sizes in the front table");
    }

    @Test
    void theEnginesBenchTimesTrainedNetworksInDl4jAndOnnxRuntimeFp32AndInt8() throws Exception {
        Cli.Result bench = Cli.run(directory, "bench", "--engines", "--space", Path.of("..", "spaces", "tiny.yaml")
                .toAbsolutePath().toString(), "--networks", "2", "--images", "200", "--epochs", "1");
        assertEquals(0, bench.exitCode(), bench.toString());
        for (String expected : List.of("network 0: DL4J ", "network 1: DL4J ", "medians over 2 networks",
                "Kendall's tau: DL4J vs ONNX Runtime fp32 ", " validation images; epochs trained: 1): median ",
                "ONNX Runtime: ONNX Runtime 1.20")) {
            assertTrue(bench.out().contains(expected), expected + " in\n" + bench.out());
        }
    }
}
