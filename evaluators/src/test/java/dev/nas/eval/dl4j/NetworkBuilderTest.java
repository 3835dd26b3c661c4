package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.Hyperparameters;
import dev.nas.space.LayerOp;
import dev.nas.space.OpType;
import dev.nas.space.Optimizer;
import dev.nas.space.Residual;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkBuilderTest {

    /** 12x12x3 input; block 0 keeps the shape (identity shortcuts apply), block 1 strides and widens. */
    private static final SearchSpace SPACE = SpaceLoader.parse("""
            input: {height: 12, width: 12, channels: 3}
            classes: 5
            stem: {filters: 8, kernel: 3, stride: 1}
            blocks:
              - stride: 1
                op: [conv, dwconv, mbconv]
                kernel: [3, 5]
                expansion: [1, 3]
                se: [0, 0.25]
                skip: [none, identity, pool]
                filters: [8]
                layers: [2]
              - stride: 2
                op: [conv, dwconv, mbconv]
                kernel: [3, 5]
                expansion: [1, 3]
                se: [0, 0.25]
                skip: [none, identity, pool]
                filters: [12]
                layers: [2]
              - stride: 2
                variants: [skip]
                filters: [16]
                layers: [2]
            head: {filters: 20}
            """, "builder-test.yaml");

    static Stream<Arguments> everyOpSkipAndSe() {
        List<Arguments> cases = new ArrayList<>();
        for (OpType op : List.of(OpType.CONV, OpType.DWCONV, OpType.MBCONV)) {
            for (Residual skip : Residual.values()) {
                for (double se : new double[] {0, 0.25}) {
                    cases.add(Arguments.of(op, skip, se, op == OpType.MBCONV ? 3 : 1, 3));
                }
            }
        }
        cases.add(Arguments.of(OpType.MBCONV, Residual.IDENTITY, 0.25, 1, 5));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} skip={1} se={2} e={3} k={4}")
    @MethodSource("everyOpSkipAndSe")
    void shapesAndParameterCountsMatchThePlan(OpType op, Residual skip, double se, int expansion, int kernel) {
        BlockChoice block = new BlockChoice(LayerOp.of(op, kernel, expansion, se), skip, 8, 2);
        BlockChoice strided = new BlockChoice(LayerOp.of(op, kernel, expansion, se), skip, 12, 2);
        Candidate candidate = SPACE.check(new Candidate(List.of(block, strided,
                new BlockChoice(LayerOp.SKIP, Residual.NONE, 16, 2)), new Hyperparameters(0.001, 64,
                Optimizer.ADAM, 0)));
        NetworkPlan plan = NetworkPlan.of(SPACE, candidate);
        ComputationGraph network = NetworkBuilder.build(plan, candidate.training(), 1);

        INDArray output = network.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 12, 12));
        assertArrayEquals(new long[] {2, 5}, output.shape());
        assertEquals(2.0, output.sumNumber().doubleValue(), 1e-4, "softmax rows sum to one");

        assertEquals(Cost.of(plan).params(), trainableParams(network), "trainable parameters");
    }

    @org.junit.jupiter.api.Test
    void convolutionAndBatchNormRunOnOneDnn() {
        Candidate candidate = SPACE.check(new Candidate(List.of(
                new BlockChoice(LayerOp.of(OpType.MBCONV, 3, 3, 0.25), Residual.IDENTITY, 8, 2),
                new BlockChoice(LayerOp.of(OpType.CONV, 5, 1, 0), Residual.POOL, 12, 2),
                new BlockChoice(LayerOp.SKIP, Residual.NONE, 16, 2)), new Hyperparameters(0.001, 64,
                Optimizer.ADAM, 0)));
        ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(SPACE, candidate), candidate.training(), 1);
        int helped = 0;
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            var conf = layer.conf().getLayer();
            boolean fast = conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization
                    || conf.getClass() == org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class;
            if (fast) {
                assertNotNull(layer.getHelper(), conf.getLayerName() + " has no oneDNN helper: is the "
                        + "org.nd4j.nativeblas.Nd4jCpu shim on the class path?");
                helped++;
            }
        }
        assertTrue(helped > 10, "checked " + helped + " layers");
        assertTrue(Nd4jSetup.backend().contains("oneDNN helpers on"), Nd4jSetup.backend());
    }

    /** DL4J's parameter count without batch norm's running mean and variance, which are state, not parameters. */
    static long trainableParams(ComputationGraph network) {
        long total = 0;
        for (Map.Entry<String, INDArray> entry : network.paramTable().entrySet()) {
            String key = entry.getKey();
            if (!key.endsWith("_mean") && !key.endsWith("_var") && !key.endsWith("_log10stdev")) {
                total += entry.getValue().length();
            }
        }
        return total;
    }
}
