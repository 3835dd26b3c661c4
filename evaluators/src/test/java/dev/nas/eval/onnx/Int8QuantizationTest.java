package dev.nas.eval.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.Batches;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained network quantized to int8 keeps its accuracy within a stated margin of the fp32 model's, is a fraction
 * of its size, and runs on ONNX Runtime's integer kernels rather than dequantizing back to float.
 */
class Int8QuantizationTest {

    /** The accuracy an int8 model of a trained network may lose against its fp32 model, in points. */
    private static final double MAX_LOSS = 0.02;

    private static final Dataset EMBEDDED = Dataset.embedded();
    private static final ImageSet VALIDATION = EMBEDDED.train().head(5000).subset(range(4000, 5000));
    private static final ImageSet CALIBRATION = EMBEDDED.train().head(256);

    private static byte[] fp32;
    private static byte[] int8;

    @BeforeAll
    static void trainAndQuantize() {
        SearchSpace space = Spaces.shipped("mobile");
        // A candidate with squeeze-and-excitation, depthwise convolutions and shortcuts: every op int8 must carry.
        Candidate candidate = space.codec().sample(new SplittableRandom(5));
        ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 11);
        try {
            ImageSet train = EMBEDDED.train().head(4000);
            INDArray labels = Nd4j.zeros(train.size(), 10);
            for (int i = 0; i < train.size(); i++) {
                labels.putScalar(i, train.label(i), 1);
            }
            List<DataSet> batches = new DataSet(Batches.features(train, 0, train.size()), labels).batchBy(64);
            for (int epoch = 0; epoch < 2; epoch++) {
                batches.forEach(network::fit);
            }
            fp32 = OnnxExport.of(network, 1, 28, 28);
        } finally {
            network.close();
        }
        int8 = Int8Quantization.of(fp32, CALIBRATION);
    }

    @Test
    void theInt8ModelKeepsTheFp32ModelsAccuracyWithinTwoPoints() {
        double full;
        double quantized;
        try (OrtModel f = new OrtModel(fp32); OrtModel q = new OrtModel(int8)) {
            full = f.accuracy(VALIDATION);
            quantized = q.accuracy(VALIDATION);
        }
        assertTrue(full > 0.6, "the network learnt: fp32 accuracy " + full);
        assertTrue(full - quantized <= MAX_LOSS, "int8 " + quantized + " against fp32 " + full);
    }

    @Test
    void theInt8ModelIsAboutAQuarterOfTheFp32Model() {
        double ratio = (double) int8.length / fp32.length;
        assertTrue(ratio < 0.4, "int8 is " + int8.length + " bytes, fp32 " + fp32.length);
    }

    @Test
    void onnxRuntimeRunsTheConvolutionsOnIntegerKernels(@TempDir Path folder) throws Exception {
        Path optimized = folder.resolve("optimized.onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(optimized.toString());
            OrtEnvironment.getEnvironment().createSession(int8, options).close();
        }
        List<String> ops = Onnx.ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList()
                .stream().map(Onnx.NodeProto::getOpType).toList();
        assertTrue(ops.contains("QLinearConv"), "ops after optimisation: " + ops);
        assertTrue(ops.stream().noneMatch(op -> op.equals("Conv") || op.startsWith("FusedConv")),
                "every convolution runs in int8: " + ops.stream().collect(Collectors.groupingBy(op -> op,
                        Collectors.counting())));
    }

    @Test
    void quantizationIsDeterministic() {
        assertEquals(Arrays.hashCode(int8), Arrays.hashCode(Int8Quantization.of(fp32, CALIBRATION)));
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return indices;
    }
}
