package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int8"})
    void aSearchTimesEveryCandidateInOnnxRuntimeOnOneThread(String precision) throws Exception {
        Path space = directory.resolve("tiny.yaml");
        Files.writeString(space, Files.readString(Path.of("..", "spaces", "tiny.yaml")).replace(
                "  target_latency_ms: 1.0", "  target_latency_ms: 1.0\n  latency: {source: onnxruntime, precision: "
                        + precision + "}"));
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--epochs", "1", "--budget", "2",
                "--db", "ort");
        assertEquals(0, search.exitCode(), search.toString());
        List<Trial> trials = new H2StudyLocation(StudyFiles.of(directory.resolve("ort"))).read(SqlStorage::trials);
        assertEquals(2, trials.size(), search.out());
        for (Trial trial : trials) {
            Latency latency = trial.evaluation().orElseThrow().latency();
            assertTrue(latency.conditions().backend().startsWith("ONNX Runtime 1.20"), latency.toString());
            assertTrue(latency.conditions().backend().contains(precision.equals("int8") ? "int8 QDQ" : "fp32"),
                    latency.toString());
            assertEquals(1, latency.conditions().threads());
            assertTrue(latency.medianMs() > 0 && latency.runs() > 0, latency.toString());
        }
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
