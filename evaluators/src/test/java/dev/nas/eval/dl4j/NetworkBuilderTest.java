package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.Choice;
import dev.nas.space.Epochs;
import dev.nas.space.FeatureMap;
import dev.nas.space.Hyperparameters;
import dev.nas.space.LayerOp;
import dev.nas.space.OpType;
import dev.nas.space.Optimizer;
import dev.nas.space.Residual;
import dev.nas.space.Schedule;
import dev.nas.space.SearchSpace;
import dev.nas.space.TrainingSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
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
        ComputationGraph network = NetworkBuilder.build(plan, candidate.training(), SPACE.training(), 1);

        INDArray output = network.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 12, 12));
        assertArrayEquals(new long[] {2, 5}, output.shape());
        assertEquals(2.0, output.sumNumber().doubleValue(), 1e-4, "softmax rows sum to one");

        assertCostsMatchDl4j(plan, network);
    }

    /** FBNet-style variants, skip layers that become projections, and every shortcut kind in one network each. */
    private static final SearchSpace VARIANTS = SpaceLoader.parse("""
            input: {height: 12, width: 12, channels: 3}
            classes: 5
            stem: {filters: 8, kernel: 3, stride: 1}
            blocks:
              - stride: 2
                variants: [skip, conv_k3_se, dwconv_k5_se0.5, mbconv_k3_e1, mbconv_k5_e6_se]
                skip: [none, identity, pool]
                filters: [8, 12]
                layers: [2]
              - stride: 1
                variants: [skip, dwconv_k3, mbconv_k3_e3_se]
                skip: [identity, pool]
                filters: [12, 16]
                layers: [1, 2]
            head: {filters: 20}
            """, "variants-test.yaml");

    static Stream<Arguments> everyVariant() {
        List<Arguments> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 6; i++) {
            cases.add(Arguments.of(VARIANTS.codec().sample(random).key()));
        }
        for (String op : List.of("skip", "conv_k3_se0.25", "dwconv_k5_se0.5", "mbconv_k3_e1", "mbconv_k5_e6_se0.25")) {
            cases.add(Arguments.of(op + "-pool-12x2/mbconv_k3_e3_se0.25-pool-16x2|lr=0.001,bs=64,opt=adam,wd=0"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVariant")
    void variantsCostWhatDl4jCounts(String key) {
        Candidate candidate = VARIANTS.check(Candidate.parse(key));
        NetworkPlan plan = NetworkPlan.of(VARIANTS, candidate);
        assertCostsMatchDl4j(plan, NetworkBuilder.build(plan, candidate.training(), SPACE.training(), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVariant")
    void aLayerBuiltAloneHasItsPlannedShapeAndCost(String key) {
        NetworkPlan plan = NetworkPlan.of(VARIANTS, VARIANTS.check(Candidate.parse(key)));
        for (LayerSpec layer : plan.layers()) {
            ComputationGraph alone = NetworkBuilder.buildLayer(layer, 1);
            FeatureMap in = layer.in();
            INDArray output = alone.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, in.channels(), in.height(),
                    in.width()));
            FeatureMap out = layer.out();
            assertArrayEquals(new long[] {1, out.channels(), out.height(), out.width()}, output.shape(), layer.name());
            assertEquals(Cost.of(layer).params(), alone.numParams() - batchNormState(alone), layer.name());
            alone.close();
        }
    }

    /**
     * Parameters: DL4J's {@code numParams()} less batch norm's running mean and variance, which are state, not
     * trained. Multiply-accumulates: counted from the layer shapes DL4J itself infers for every vertex.
     */
    private static void assertCostsMatchDl4j(NetworkPlan plan, ComputationGraph network) {
        Cost cost = Cost.of(plan);
        assertEquals(cost.params(), network.numParams() - batchNormState(network), "trainable parameters");
        assertEquals(cost.params(), trainableParams(network), "trainable parameters by name");
        assertEquals(cost.macs(), dl4jMacs(network, plan), "multiply-accumulates");
    }

    private static long batchNormState(ComputationGraph network) {
        long state = 0;
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                state += 2 * bn.getNOut();
            }
        }
        return state;
    }

    private static long dl4jMacs(ComputationGraph network, NetworkPlan plan) {
        FeatureMap input = plan.input();
        Map<String, InputType> shapes = network.getConfiguration().getLayerActivationTypes(
                InputType.convolutional(input.height(), input.width(), input.channels()));
        long macs = 0;
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            var conf = layer.conf().getLayer();
            InputType out = shapes.get(conf.getLayerName());
            if (conf instanceof DepthwiseConvolution2D dw) {
                InputType.InputTypeConvolutional map = (InputType.InputTypeConvolutional) out;
                macs += dw.getKernelSize()[0] * dw.getKernelSize()[1] * dw.getNOut() * map.getHeight()
                        * map.getWidth();
            } else if (conf instanceof ConvolutionLayer conv) {
                InputType.InputTypeConvolutional map = (InputType.InputTypeConvolutional) out;
                macs += conv.getKernelSize()[0] * conv.getKernelSize()[1] * conv.getNIn() * conv.getNOut()
                        * map.getHeight() * map.getWidth();
            } else if (conf instanceof FeedForwardLayer dense && !(conf instanceof BatchNormalization)) {
                macs += dense.getNIn() * dense.getNOut();
            }
        }
        return macs;
    }

    @org.junit.jupiter.api.Test
    void convolutionAndBatchNormRunOnOneDnn() {
        Candidate candidate = SPACE.check(new Candidate(List.of(
                new BlockChoice(LayerOp.of(OpType.MBCONV, 3, 3, 0.25), Residual.IDENTITY, 8, 2),
                new BlockChoice(LayerOp.of(OpType.CONV, 5, 1, 0), Residual.POOL, 12, 2),
                new BlockChoice(LayerOp.SKIP, Residual.NONE, 16, 2)), new Hyperparameters(0.001, 64,
                Optimizer.ADAM, 0)));
        ComputationGraph network = NetworkBuilder.build(NetworkPlan.of(SPACE, candidate), candidate.training(),
                SPACE.training(), 1);
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

    /**
     * With plain SGD a step is the learning rate times the gradient, so the same batch from the same weights moves
     * the output layer's weights in proportion to the rate that the schedule gives DL4J's epoch count.
     */
    @org.junit.jupiter.api.Test
    void theLearningRateFollowsTheScheduleByEpoch() {
        TrainingSpace cosine = new TrainingSpace(Choice.of(0.1), Choice.of(8), Choice.of(Optimizer.SGD),
                Choice.of(0.0), Epochs.fixed(4), Schedule.COSINE);
        SearchSpace space = new SearchSpace(SPACE.name(), SPACE.input(), SPACE.classes(), SPACE.stem(),
                SPACE.blocks(), SPACE.head(), cosine, SPACE.objective());
        Candidate candidate = space.check(new Candidate(List.of(
                new BlockChoice(LayerOp.of(OpType.CONV, 3, 1, 0), Residual.NONE, 8, 2),
                new BlockChoice(LayerOp.of(OpType.DWCONV, 3, 1, 0), Residual.NONE, 12, 2),
                new BlockChoice(LayerOp.SKIP, Residual.NONE, 16, 2)), new Hyperparameters(0.1, 8, Optimizer.SGD, 0)));
        NetworkPlan plan = NetworkPlan.of(space, candidate);
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[8 * 3 * 12 * 12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        INDArray images = Nd4j.create(pixels).reshape(8, 3, 12, 12);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 5);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, random.nextInt(5), 1);
        }
        double[] steps = new double[4];
        for (int epoch = 1; epoch <= 4; epoch++) {
            ComputationGraph network = NetworkBuilder.build(plan, candidate.training(), cosine, 1);
            network.getConfiguration().setEpochCount(epoch - 1);
            INDArray before = network.getParam("output_W").dup();
            network.fit(new org.nd4j.linalg.dataset.DataSet(images, labels));
            steps[epoch - 1] = network.getParam("output_W").sub(before).norm2Number().doubleValue();
            network.close();
        }
        for (int epoch = 1; epoch <= 4; epoch++) {
            assertEquals(Schedule.COSINE.factor(epoch, 4), steps[epoch - 1] / steps[0], 1e-3,
                    "epoch " + epoch + " of 4: " + java.util.Arrays.toString(steps));
        }
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
