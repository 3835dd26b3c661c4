package dev.nas.eval.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Networks of every shipped space exported to ONNX and run in ONNX Runtime give DL4J's probabilities: every op,
 * kernel, expansion, squeeze-and-excitation, shortcut and stride the space's candidates take, with batch norms whose
 * statistics are far from their initial ones (so that folding them is tested, not skipped by identity norms).
 */
class OnnxExportTest {

    private static final ImageSet FASHION = Dataset.embeddedTest().train().head(64);

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "bench", "mobile", "mnasnet-b0", "cifar"})
    void everyCombinationOfAShippedSpaceExportsAndMatchesDl4jInOnnxRuntime(String name) {
        SearchSpace space = Spaces.shipped(name);
        ImageSet images = space.input().equals(FASHION.shape()) ? FASHION : noise(space.input(), 8);
        SplittableRandom random = new SplittableRandom(17);
        Set<String> all = new LinkedHashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Candidate candidate = space.codec().sample(random);
            candidates.add(candidate);
            all.addAll(combinations(space, candidate));
        }
        Set<String> covered = new LinkedHashSet<>();
        int exported = 0;
        for (Candidate candidate : candidates) {
            if (covered.containsAll(combinations(space, candidate))) {
                continue;
            }
            covered.addAll(combinations(space, candidate));
            ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                    space.training(), 7);
            try {
                unsettleBatchNorms(network, new Random(exported));
                Agreement agreement = OnnxExport.checked(network, images, OnnxExport.OPSET).agreement();
                assertTrue(agreement.faithful(), candidate.key() + ": " + agreement);
                exported++;
            } finally {
                network.close();
            }
        }
        assertEquals(all, covered, "every combination the space's candidates take was exported");
        assertTrue(exported > 0);
    }

    @Test
    void everyOpsetFromThirteenToTheNewestRunsAlikeAndOthersAreNotWritten() {
        SearchSpace space = Spaces.shipped("mobile");
        Candidate candidate = space.codec().sample(new SplittableRandom(5));
        ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 7);
        try {
            unsettleBatchNorms(network, new Random(1));
            for (int opset = OnnxExport.OPSET; opset <= OnnxExport.NEWEST_OPSET; opset++) {
                OnnxExport.Checked checked = OnnxExport.checked(network, FASHION, opset);
                assertTrue(checked.agreement().faithful(), "opset " + opset + ": " + checked.agreement());
                assertEquals(opset, Onnx.ModelProto.parseFrom(checked.model()).getOpsetImport(0).getVersion());
            }
            for (int opset : new int[] {OnnxExport.OPSET - 1, OnnxExport.NEWEST_OPSET + 1}) {
                assertThrows(IllegalArgumentException.class, () -> OnnxExport.of(network, 1, 28, 28, opset));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        } finally {
            network.close();
        }
    }

    /** What a layer of {@code candidate} exercises in the translation, one string per layer. */
    private static Set<String> combinations(SearchSpace space, Candidate candidate) {
        Set<String> found = new LinkedHashSet<>();
        for (LayerSpec layer : NetworkPlan.of(space, candidate).layers()) {
            found.add(layer.op().token() + " " + layer.shortcut() + " stride " + layer.stride()
                    + (layer.in().channels() == layer.out().channels() ? "" : " widens"));
        }
        return found;
    }

    /** Batch-norm statistics and scales away from their initial identity, as training leaves them. */
    private static void unsettleBatchNorms(ComputationGraph network, Random random) {
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            Map<String, INDArray> params = layer.paramTable();
            if (!params.containsKey("gamma")) {
                continue;
            }
            int channels = (int) params.get("gamma").length();
            layer.setParam("gamma", uniform(random, channels, 0.25, 1.75));
            layer.setParam("beta", uniform(random, channels, -0.5, 0.5));
            layer.setParam("mean", uniform(random, channels, -0.2, 0.2));
            if (params.containsKey("log10stdev")) {
                layer.setParam("log10stdev", uniform(random, channels, -1, 0.3));
            } else {
                layer.setParam("var", uniform(random, channels, 0.01, 1.5));
            }
        }
    }

    /** Images of another shape than the embedded data's, uniform noise in 0..1. */
    private static ImageSet noise(FeatureMap shape, int count) {
        Random random = new Random(3);
        byte[] pixels = new byte[count * shape.channels() * shape.height() * shape.width()];
        random.nextBytes(pixels);
        return new ImageSet(shape, pixels, new int[count]);
    }

    private static INDArray uniform(Random random, int count, double low, double high) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return Nd4j.create(values, new long[] {1, count}, 'c');
    }
}
