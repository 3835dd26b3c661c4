package dev.nas.space.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpaceWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"mobile", "mnasnet-b0", "tiny", "bench", "cifar"})
    void aWrittenSpaceLoadsBackEqual(String name) {
        SearchSpace space = Spaces.shipped(name);
        String yaml = SpaceWriter.write(space);
        assertEquals(space, SpaceLoader.parse(yaml, name + " written"), yaml);
    }

    @Test
    void latencyPredictedForADeviceRoundTrips() {
        SearchSpace space = SpaceLoader.parse(Spaces.text("tiny") + "\n  latency: {source: lut, device: pi4}\n",
                "tiny for a device");
        String written = SpaceWriter.write(space);
        assertEquals(space, SpaceLoader.parse(written, "written"), written);
        assertTrue(written.contains("device: pi4"), written);
    }

    /** A measured source has no device: writing one would make the space unreadable. */
    @ParameterizedTest
    @ValueSource(strings = {"{source: onnxruntime}", "{source: onnxruntime, precision: int8}",
            "{source: onnxruntime, precision: int8, compare_with: measured}", "{source: measured, compare_with: "
            + "onnxruntime}", "{source: onnxruntime, precision: int8, compare_with: onnxruntime}"})
    void latencyTimedInOnnxRuntimeRoundTrips(String latency) {
        SearchSpace space = SpaceLoader.parse(Spaces.text("tiny") + "\n  latency: " + latency + "\n", "tiny in ORT");
        String written = SpaceWriter.write(space);
        assertEquals(space, SpaceLoader.parse(written, "written"), written);
        assertTrue(!written.contains("device:"), written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobile", "tiny", "bench", "cifar"})
    void theSpaceOfOneCandidateReloadsToThatCandidate(String name) {
        SearchSpace space = Spaces.shipped(name);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            Candidate candidate = space.codec().sample(random);
            String yaml = SpaceWriter.write(space.only(candidate, Epochs.fixed(5)));
            SearchSpace one = SpaceLoader.parse(yaml, "one candidate");
            assertEquals(0, one.codec().dimensions().size(), "every dimension fixed:\n" + yaml);
            assertEquals(candidate.key(), one.codec().decode(new double[0]).key(), yaml);
            assertEquals(Epochs.fixed(5), one.training().epochs());
            assertEquals(space.training().schedule(), one.training().schedule());
            assertEquals(space.objective(), one.objective());
        }
    }

    @Test
    void numbersAreWrittenAsKeysWriteThem() {
        SearchSpace space = Spaces.shipped("mobile");
        String yaml = SpaceWriter.write(space);
        assertTrue(yaml.contains("input: {height: 28, width: 28, channels: 1}"), yaml);
        assertTrue(yaml.contains("target_latency_ms: 3.5"), yaml);
        assertTrue(yaml.contains("log_uniform: [1e-5, 0.001]"), yaml);
    }
}
