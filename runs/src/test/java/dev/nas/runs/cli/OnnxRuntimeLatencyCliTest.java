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

/** A search whose objective times latency in ONNX Runtime, the engine a model ships in, end to end. */
class OnnxRuntimeLatencyCliTest {

    @TempDir
    Path directory;

    @Test
    void aSearchTimesEveryCandidateInOnnxRuntimeOnOneThread() throws Exception {
        Path space = directory.resolve("tiny.yaml");
        Files.writeString(space, Files.readString(Path.of("..", "spaces", "tiny.yaml")).replace(
                "  target_latency_ms: 1.0", "  target_latency_ms: 1.0\n  latency: {source: onnxruntime}"));
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--epochs", "1", "--budget", "2",
                "--db", "ort");
        assertEquals(0, search.exitCode(), search.toString());
        List<Trial> trials = new H2StudyLocation(StudyFiles.of(directory.resolve("ort"))).read(SqlStorage::trials);
        assertEquals(2, trials.size(), search.out());
        for (Trial trial : trials) {
            Latency latency = trial.evaluation().orElseThrow().latency();
            assertTrue(latency.conditions().backend().startsWith("ONNX Runtime 1.20"), latency.toString());
            assertEquals(1, latency.conditions().threads());
            assertTrue(latency.medianMs() > 0 && latency.runs() > 0, latency.toString());
        }
    }
}
