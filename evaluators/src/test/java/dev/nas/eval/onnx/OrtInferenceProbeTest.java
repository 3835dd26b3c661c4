package dev.nas.eval.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrtInferenceProbeTest {

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int8"})
    void candidatesAndSingleLayersRunInOnnxRuntimeOnOneThread(String precision) {
        SearchSpace mobile = Spaces.shipped("mobile");
        OrtInferenceProbe probe = new OrtInferenceProbe(mobile, LatencySpec.Precision.fromToken(precision)
                .orElseThrow());
        assertTrue(probe.backend().startsWith("ONNX Runtime 1.20"), probe.backend());
        assertTrue(probe.backend().contains(precision), probe.backend());
        assertEquals(1, probe.threads());
        Candidate candidate = mobile.codec().sample(new SplittableRandom(4));
        try (InferenceProbe.Inference network = probe.prepare(candidate)) {
            for (int i = 0; i < 5; i++) {
                network.run();
            }
        }
        for (LayerSpec layer : NetworkPlan.of(mobile, candidate).layers()) {
            try (InferenceProbe.Inference alone = probe.prepare(layer)) {
                alone.run();
            }
        }
    }
}
