package dev.nas.eval.dl4j;

import dev.nas.core.study.ChannelStats;
import dev.nas.space.FeatureMap;
import dev.nas.space.Hyperparameters;
import dev.nas.space.Normalize;
import dev.nas.space.SearchSpace;
import dev.nas.space.TrainingSpace;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds a candidate's {@link NetworkPlan} as a DL4J {@link ComputationGraph}, vertex names following
 * {@link LayerSpec#name()} ({@code b2l0_dw}, {@code b2l0_dw_bn}, ...). What DL4J 1.0.0-M2.1 needs to be told:
 * <ul>
 *   <li>{@code BatchNormalization} ignores an activation set on it, so ReLU is its own {@code ActivationLayer};</li>
 *   <li>depthwise-separable convolution is a {@code DepthwiseConvolution2D} and a 1 x 1 {@code ConvolutionLayer}:
 *       {@code SeparableConvolution2D} computes the same with no fast path, several times slower;</li>
 *   <li>convolutions before batch norm have no bias, so parameter counts match the plan's {@code Cost};</li>
 *   <li>oneDNN layer helpers need {@link Nd4jSetup#configure()}: about four times the training throughput.</li>
 * </ul>
 */
public final class NetworkBuilder {

    /** The names of the graph's input and output vertices, which exports keep. */
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    private static final String STEM = "stem";

    private final GraphBuilder graph;
    private final boolean batchNorm;

    private NetworkBuilder(GraphBuilder graph, boolean batchNorm) {
        this.graph = graph;
        this.batchNorm = batchNorm;
    }

    /**
     * The candidate's network, initialised from {@code seed}, its learning rate following {@code space}'s schedule
     * by DL4J's epoch count: the trainer sets that count to the epochs already done before each epoch.
     */
    public static ComputationGraph build(NetworkPlan plan, Hyperparameters training, TrainingSpace space, long seed) {
        return build(plan, training, space, seed, Optional.empty());
    }

    /** The same, normalising its input by {@code normalization} first where one is given. */
    public static ComputationGraph build(NetworkPlan plan, Hyperparameters training, TrainingSpace space, long seed,
                                         Optional<ChannelStats> normalization) {
        Nd4jSetup.configure();
        ComputationGraph network = new ComputationGraph(configure(plan, training, space, seed, normalization));
        network.init();
        return network;
    }

    /**
     * The normalisation to time a candidate of {@code space} with: the same operations as its trained networks',
     * with neutral numbers, since the study's do not change what they cost.
     */
    public static Optional<ChannelStats> forTiming(SearchSpace space) {
        return space.training().normalize() == Normalize.PER_CHANNEL
                ? Optional.of(ChannelStats.neutral(space.input().channels())) : Optional.empty();
    }

    private static ComputationGraphConfiguration configure(NetworkPlan plan, Hyperparameters training,
                                                           TrainingSpace space, long seed,
                                                           Optional<ChannelStats> normalization) {
        GraphBuilder graph = graph(plan.input(), DataType.FLOAT, new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater(training, space))
                .weightDecay(training.weightDecay()));
        String pooled = new NetworkBuilder(graph, true).body(plan);
        normalization.ifPresent(stats -> graph.inputPreProcessor(STEM, ChannelNormalization.of(stats)));
        graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(plan.headFilters()).nOut(plan.classes())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), pooled);
        return graph.setOutputs(OUTPUT).build();
    }

    /**
     * The candidate's layers as synflow takes them (Tanaka et al., 2020, as the zero-cost proxies' code runs it):
     * in double precision, without batch norm, its output the raw class scores with their sum as the loss.
     */
    public static ComputationGraph buildLinearisable(NetworkPlan plan, long seed) {
        Nd4jSetup.configure();
        GraphBuilder graph = graph(plan.input(), DataType.DOUBLE, new NeuralNetConfiguration.Builder().seed(seed));
        String pooled = new NetworkBuilder(graph, false).body(plan);
        graph.addLayer(OUTPUT, new OutputLayer.Builder(new SumOfOutputs()).nIn(plan.headFilters())
                .nOut(plan.classes()).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(),
                pooled);
        ComputationGraph network = new ComputationGraph(graph.setOutputs(OUTPUT).build());
        network.init();
        return network;
    }

    /** The stem, the planned layers, the head and its pooling; returns the pooled features' vertex. */
    private String body(NetworkPlan plan) {
        String x = convBnRelu(INPUT, STEM, plan.stem().kernel(), plan.stem().stride(), plan.input().channels(),
                plan.stem().filters());
        for (LayerSpec layer : plan.layers()) {
            x = layer(x, layer);
        }
        x = convBnRelu(x, "head", 1, 1, plan.headIn().channels(), plan.headFilters());
        graph.addLayer("head_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return "head_pool";
    }

    /**
     * One planned layer alone, built exactly as inside a network, its input a feature map of the layer's input
     * shape: what a latency lookup table times. The graph's output is the layer's output.
     */
    public static ComputationGraph buildLayer(LayerSpec layer, long seed) {
        Nd4jSetup.configure();
        GraphBuilder graph = graph(layer.in(), DataType.FLOAT, new NeuralNetConfiguration.Builder().seed(seed));
        String out = new NetworkBuilder(graph, true).layer(INPUT, layer);
        ComputationGraph network = new ComputationGraph(graph.setOutputs(out).build());
        network.init();
        return network;
    }

    /** The settings every graph here shares, for images of {@code input}'s shape. */
    private static GraphBuilder graph(FeatureMap input, DataType type, NeuralNetConfiguration.Builder settings) {
        return settings
                .dataType(type)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()));
    }

    private static IUpdater updater(Hyperparameters training, TrainingSpace space) {
        ISchedule lr = new MapSchedule(ScheduleType.EPOCH, IntStream.rangeClosed(1, space.epochs().max()).boxed()
                .collect(Collectors.toMap(epoch -> epoch - 1, epoch -> space.learningRate(training, epoch))));
        return switch (training.optimizer()) {
            case SGD -> new Sgd(lr);
            case NESTEROV -> new Nesterovs(lr, 0.9);
            case ADAM -> new Adam(lr);
            case RMSPROP -> new RmsProp(lr);
        };
    }

    private String layer(String in, LayerSpec layer) {
        String name = layer.name();
        int inner = layer.innerChannels();
        int out = layer.out().channels();
        String x = switch (layer.op().type()) {
            case CONV -> excite(convBnRelu(in, name, layer.op().kernel(), layer.stride(), layer.in().channels(), out),
                    name, layer, out);
            case DWCONV -> bn(conv(excite(depthwiseBnRelu(in, name, layer, inner), name, layer, inner),
                    name + "_pw", 1, 1, inner, out), name + "_pw", out);
            case MBCONV -> {
                String expanded = layer.op().expansion() > 1
                        ? convBnRelu(in, name + "_expand", 1, 1, layer.in().channels(), inner) : in;
                String excited = excite(depthwiseBnRelu(expanded, name, layer, inner), name, layer, inner);
                yield bn(conv(excited, name + "_project", 1, 1, inner, out), name + "_project", out);
            }
            case SKIP -> projection(in, name, layer);
        };
        return switch (layer.shortcut()) {
            case NONE -> x;
            case IDENTITY -> add(name, x, in);
            case PROJECTION -> add(name, x, projection(in, name + "_shortcut", layer));
        };
    }

    /** Average pooling by the stride, then a 1 x 1 convolution with batch norm where the channels change. */
    private String projection(String in, String name, LayerSpec layer) {
        String x = in;
        if (layer.stride() > 1) {
            x = name + "_pool";
            graph.addLayer(x, new SubsamplingLayer.Builder(PoolingType.AVG)
                    .kernelSize(layer.stride(), layer.stride()).stride(layer.stride(), layer.stride()).build(), in);
        }
        if (layer.in().channels() != layer.out().channels()) {
            x = bn(conv(x, name + "_proj", 1, 1, layer.in().channels(), layer.out().channels()), name + "_proj",
                    layer.out().channels());
        }
        return x;
    }

    private String depthwiseBnRelu(String in, String name, LayerSpec layer, int channels) {
        String dw = name + "_dw";
        int k = layer.op().kernel();
        graph.addLayer(dw, new DepthwiseConvolution2D.Builder(k, k).stride(layer.stride(), layer.stride())
                .depthMultiplier(1).nIn(channels).nOut(channels).hasBias(false)
                .activation(Activation.IDENTITY).build(), in);
        return relu(bn(dw, dw, channels), dw);
    }

    /**
     * Squeeze-and-excitation (Hu et al. 2018) on {@code channels} channels: global average pool, a ReLU bottleneck,
     * a sigmoid gate per channel, and the feature map scaled by it. DL4J has no broadcasting product vertex, so the
     * gate is reshaped to [n, C, 1, 1] and upsampled to the map's size before an element-wise product.
     */
    private String excite(String in, String name, LayerSpec layer, int channels) {
        int squeeze = layer.squeezeChannels();
        if (squeeze == 0) {
            return in;
        }
        String se = name + "_se";
        graph.addLayer(se + "_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        graph.addLayer(se + "_reduce", new DenseLayer.Builder().nIn(channels).nOut(squeeze)
                .activation(Activation.RELU).build(), se + "_pool");
        graph.addLayer(se + "_gate", new DenseLayer.Builder().nIn(squeeze).nOut(channels)
                .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build(), se + "_reduce");
        graph.addVertex(se + "_reshape", new ReshapeVertex(-1, channels, 1, 1), se + "_gate");
        FeatureMap map = layer.out();
        graph.addLayer(se + "_broadcast", new Upsampling2D.Builder().size(new int[] {map.height(), map.width()})
                .build(), se + "_reshape");
        graph.addVertex(se, new ElementWiseVertex(ElementWiseVertex.Op.Product), in, se + "_broadcast");
        return se;
    }

    private String convBnRelu(String in, String name, int kernel, int stride, int nIn, int nOut) {
        return relu(bn(conv(in, name, kernel, stride, nIn, nOut), name, nOut), name);
    }

    private String conv(String in, String name, int kernel, int stride, int nIn, int nOut) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .nIn(nIn).nOut(nOut).hasBias(false).activation(Activation.IDENTITY).build(), in);
        return name;
    }

    private String bn(String in, String name, int channels) {
        if (!batchNorm) {
            return in;
        }
        String bn = name + "_bn";
        graph.addLayer(bn, new BatchNormalization.Builder().nIn(channels).nOut(channels).build(), in);
        return bn;
    }

    private String relu(String in, String name) {
        String relu = name + "_relu";
        graph.addLayer(relu, new ActivationLayer.Builder().activation(Activation.RELU).build(), in);
        return relu;
    }

    private String add(String name, String a, String b) {
        String sum = name + "_add";
        graph.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return sum;
    }
}
