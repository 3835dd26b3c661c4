package dev.nas.eval.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrtInferenceProbeTest {

    @Test
    void candidatesAndSingleLayersRunInOnnxRuntimeOnOneThread() {
        SearchSpace mobile = Spaces.shipped("mobile");
        OrtInferenceProbe probe = new OrtInferenceProbe(mobile);
        assertTrue(probe.backend().startsWith("ONNX Runtime 1.20"), probe.backend());
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
