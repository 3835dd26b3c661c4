package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.study.ChannelStats;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.onnx.OnnxExport;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-channel normalisation: the statistics as hand-computed, and the network step that applies them computing what
 * the same network computes on images normalised beforehand, through training, a checkpoint and ONNX Runtime.
 */
class ChannelNormalizationTest {

    private static final SearchSpace CIFAR = Spaces.shipped("cifar");
    private static final ChannelStats STATS = new ChannelStats(List.of(0.49, 0.48, 0.45), List.of(0.25, 0.24, 0.26));

    @TempDir
    Path directory;

    @Test
    void channelStatisticsAreEachChannelsMeanAndDeviationOverEveryImage() {
        // Two images of 1 x 2 pixels in 2 channels: channel 0 holds 0, 255 | 255, 255; channel 1 51, 102 | 51, 204.
        byte[] pixels = {0, (byte) 255, 51, 102, (byte) 255, (byte) 255, 51, (byte) 204};
        ChannelStats stats = new ImageSet(new FeatureMap(1, 2, 2), pixels, new int[2]).channelStats();
        // Channel 0: 0, 1, 1, 1 -> mean 0.75, variance 0.75 - 0.5625. Channel 1: 0.2, 0.4, 0.2, 0.8 -> mean 0.4,
        // variance 0.22 - 0.16.
        assertEquals(0.75, stats.mean().get(0), 1e-7);
        assertEquals(Math.sqrt(0.1875), stats.std().get(0), 1e-7);
        assertEquals(0.4, stats.mean().get(1), 1e-7);
        assertEquals(Math.sqrt(0.06), stats.std().get(1), 1e-7);
        ChannelStats flat = new ImageSet(new FeatureMap(1, 1, 1), new byte[] {9, 9}, new int[2]).channelStats();
        assertEquals(List.of(1.0), flat.std(), "a constant channel is only shifted");
    }

    @Test
    void aNormalisingNetworkComputesWhatItsLayersDoOnNormalisedImagesInTrainingCheckpointsAndOnnx() throws Exception {
        Candidate candidate = CIFAR.codec().sample(new SplittableRandom(3));
        NetworkPlan plan = NetworkPlan.of(CIFAR, candidate);
        ComputationGraph normalising = NetworkBuilder.build(plan, candidate.training(), CIFAR.training(), 7,
                Optional.of(STATS));
        ComputationGraph plain = NetworkBuilder.build(plan, candidate.training(), CIFAR.training(), 7);
        ImageSet images = noise(CIFAR.input(), 8);
        INDArray raw = Batches.features(images, 0, images.size());
        INDArray normalised = raw.dup();
        for (int c = 0; c < 3; c++) {
            normalised.get(NDArrayIndex.all(), NDArrayIndex.point(c)).subi(STATS.mean().get(c))
                    .divi(STATS.std().get(c));
        }
        float[] expected = plain.outputSingle(false, normalised).data().asFloat();
        float[] actual = normalising.outputSingle(false, raw).data().asFloat();
        assertArrayEquals(expected, actual, 1e-5f);
        assertFalse(Arrays.equals(plain.outputSingle(false, raw).data().asFloat(), actual), "the step changes "
                + "what the network sees");

        File saved = directory.resolve("network.zip").toFile();
        ModelSerializer.writeModel(normalising, saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(saved, true);
        assertArrayEquals(actual, restored.outputSingle(false, raw).data().asFloat(), "a checkpoint keeps it");
        INDArray labels = Nd4j.eye(10).get(NDArrayIndex.interval(0, 8), NDArrayIndex.all());
        restored.fit(new DataSet(raw, labels));
        assertTrue(Double.isFinite(restored.score()), "gradients flow back through the step");

        OnnxExport.Checked checked = OnnxExport.checked(normalising, images, OnnxExport.OPSET);
        assertTrue(checked.agreement().faithful(), checked.agreement().toString());
        List<String> first = Onnx.ModelProto.parseFrom(checked.model()).getGraph().getNodeList().stream().limit(2)
                .map(Onnx.NodeProto::getOpType).toList();
        assertEquals(List.of("Mul", "Add"), first, "the ONNX model takes 0..1 pixels and normalises them itself");
        for (ComputationGraph network : List.of(normalising, plain, restored)) {
            network.close();
        }
    }

    private static ImageSet noise(FeatureMap shape, int count) {
        byte[] pixels = new byte[count * shape.channels() * shape.pixels()];
        new Random(5).nextBytes(pixels);
        return new ImageSet(shape, pixels, new int[count]);
    }
}
