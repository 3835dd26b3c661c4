package dev.nas.latency.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.trial.Conditions;
import dev.nas.space.BadInput;
import dev.nas.space.LatencySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device measured here keeps the engine it was first timed in, and refuses figures from another. */
class DeviceProfileEngineTest {

    private static final Conditions HERE = new Conditions("local", 1, "some CPU", "some JVM", "ONNX Runtime 1.20.0");
    private static final LatencySpec.Engine ORT = LatencySpec.Engine.fromToken("onnxruntime").orElseThrow();

    @TempDir
    Path root;

    @Test
    void theFirstMeasurementRecordsItsEngineAndAnotherEngineIsRefused() {
        DeviceProfile device = DeviceProfile.at(root, "ort");
        assertEquals(Optional.empty(), device.engine(), "a new device has no engine yet");
        device.checkMeasurableHere(HERE, ORT);
        assertEquals(Optional.of(ORT), DeviceProfile.at(root, "ort").engine());
        device.checkMeasurableHere(HERE, ORT);
        BadInput refused = assertThrows(BadInput.class, () -> device.checkMeasurableHere(HERE,
                LatencySpec.Engine.DL4J));
        assertTrue(refused.getMessage().startsWith("device 'ort' is timed in onnxruntime, not dl4j"),
                refused.getMessage());
    }

    @Test
    void aDeviceMeasuredBeforeEnginesWereRecordedWasTimedInDl4j() throws Exception {
        Files.createDirectories(root.resolve("old"));
        Files.writeString(root.resolve("old/machine.properties"), "cpu=some CPU\nbackend=nd4j-native\nthreads=1\n");
        assertEquals(Optional.of(LatencySpec.Engine.DL4J), DeviceProfile.at(root, "old").engine());
    }

    @Test
    void enginesReadBackFromTheirTokens() {
        for (String token : new String[] {"dl4j", "onnxruntime", "onnxruntime-int8"}) {
            assertEquals(token, LatencySpec.Engine.fromToken(token).orElseThrow().token());
        }
        assertEquals(Optional.empty(), LatencySpec.Engine.fromToken("tflite"));
    }
}
