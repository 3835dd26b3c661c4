package dev.nas.eval.onnx;

import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.Batches;
import dev.nas.eval.dl4j.ChannelNormalization;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A trained network of {@link NetworkBuilder} as an ONNX model for inference: the same graph, op for op, with each
 * batch norm folded into the convolution before it (weights scaled per output channel, a bias added), "same" padding
 * written out as DL4J computes it (the extra row and column at the end), squeeze-and-excitation's gate multiplied by
 * broadcasting instead of DL4J's upsampling, and the head's softmax. Built with the ONNX protobuf messages nd4j-api
 * ships, in opset {@value #OPSET} unless another is asked for: the ops it writes mean the same from opset 13 (the
 * first with Softmax over one axis and per-channel QuantizeLinear) to {@value #NEWEST_OPSET}, the newest ONNX Runtime
 * 1.20 runs.
 *
 * <p>The model's input {@value #INPUT} is float32 NCHW {@code [N, C, H, W]} with a free batch size, pixels scaled to
 * 0..1 as in training; its output {@value #OUTPUT} is {@code [N, classes]} class probabilities.
 */
public final class OnnxExport {

    public static final String INPUT = NetworkBuilder.INPUT;
    public static final String OUTPUT = NetworkBuilder.OUTPUT;
    public static final int OPSET = 13;
    public static final int NEWEST_OPSET = 21;

    private final ComputationGraph network;
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Map<String, InputType> shapes;
    /** What each DL4J vertex's output is called in the ONNX graph, where the two differ (folded or dropped ops). */
    private final Map<String, String> names = new HashMap<>();

    private OnnxExport(ComputationGraph network, InputType input) {
        this.network = network;
        this.shapes = network.getConfiguration().getLayerActivationTypes(input);
    }

    /**
     * The ONNX model of {@code network}, whose input is images of {@code channels} x {@code height} x {@code width};
     * its output is the network's: a candidate's class probabilities, or a single layer's feature map.
     */
    public static byte[] of(ComputationGraph network, int channels, int height, int width) {
        return of(network, channels, height, width, OPSET);
    }

    /** The same in {@code opset}, from {@value #OPSET} to {@value #NEWEST_OPSET}. */
    public static byte[] of(ComputationGraph network, int channels, int height, int width, int opset) {
        if (opset < OPSET || opset > NEWEST_OPSET) {
            throw new IllegalArgumentException("opset " + opset + " is not written");
        }
        OnnxExport export = new OnnxExport(network, InputType.convolutional(height, width, channels));
        export.translate();
        String output = network.getConfiguration().getNetworkOutputs().get(0);
        Onnx.GraphProto.Builder graph = export.graph.setName("nas")
                .addInput(value(INPUT, Onnx.TensorShapeProto.newBuilder().addDim(dim("N")).addDim(dim(channels))
                        .addDim(dim(height)).addDim(dim(width))))
                .addOutput(output.equals(OUTPUT) ? value(OUTPUT, Onnx.TensorShapeProto.newBuilder().addDim(dim("N"))
                        .addDim(dim(classes(network)))) : value(export.onnx(output), null));
        return Onnx.ModelProto.newBuilder().setIrVersion(irVersion(opset)).setProducerName("nas")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build().toByteArray();
    }

    /** An ONNX model, and how closely ONNX Runtime's outputs follow DL4J's on the images it was checked on. */
    public record Checked(byte[] model, Agreement agreement) {
    }

    /**
     * The ONNX model of {@code network}, loaded in ONNX Runtime and run on {@code images} beside DL4J: what a user
     * would run, checked against what the search scored.
     */
    public static Checked checked(ComputationGraph network, ImageSet images, int opset) {
        FeatureMap shape = images.shape();
        byte[] model = of(network, shape.channels(), shape.height(), shape.width(), opset);
        INDArray input = Batches.features(images, 0, images.size());
        float[][] dl4j = network.outputSingle(false, input).toFloatMatrix();
        try (OrtModel runtime = new OrtModel(model)) {
            float[][] onnx = runtime.run(input.data().asFloat(), images.size(),
                    new long[] {shape.channels(), shape.height(), shape.width()});
            return new Checked(model, Agreement.of(dl4j, onnx));
        }
    }

    /** The same for the network in a DL4J model zip, as exports and checkpoints keep them. */
    public static Checked checkedFile(Path dl4jModel, ImageSet images, int opset) {
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(dl4jModel.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + dl4jModel, e);
        }
        try {
            return checked(network, images, opset);
        } finally {
            network.close();
        }
    }

    /** The IR version of the ONNX release that brought {@code opset}: the oldest a runtime must read. */
    private static int irVersion(int opset) {
        return opset <= 13 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
    }

    private static int classes(ComputationGraph network) {
        return (int) ((OutputLayer) ((LayerVertex) network.getConfiguration().getVertices().get(OUTPUT))
                .getLayerConf().getLayer()).getNOut();
    }

    private void translate() {
        ComputationGraphConfiguration conf = network.getConfiguration();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue; // the network's input
            }
            if (vertex instanceof LayerVertex normalized
                    && normalized.getPreProcessor() instanceof ChannelNormalization normalization) {
                // The layer's input becomes the normalised copy: a convolution is emitted where its batch norm is,
                // reading its input by name then. Only the stem reads the image.
                String image = inputs.get(name).get(0);
                names.put(image, normalize(name, onnx(image), normalization));
            }
            List<String> in = inputs.get(name).stream().map(this::onnx).toList();
            if (vertex instanceof LayerVertex layerVertex) {
                layer(name, layerVertex.getLayerConf().getLayer(), in.get(0), inputs.get(name).get(0));
            } else if (vertex instanceof ElementWiseVertex elementWise) {
                node(elementWise.getOp() == ElementWiseVertex.Op.Add ? "Add" : "Mul", in, name);
            } else if (vertex instanceof ReshapeVertex reshape) {
                long[] shape = java.util.Arrays.stream(reshape.getNewShape()).asLongStream().toArray();
                node("Reshape", List.of(in.get(0), constant(name + "_shape", shape)), name);
            } else {
                throw new IllegalArgumentException("no ONNX translation for the vertex " + name + " ("
                        + vertex.getClass().getSimpleName() + ")");
            }
        }
    }

    private void layer(String name, Layer layer, String in, String dl4jIn) {
        if (layer instanceof DepthwiseConvolution2D || layer instanceof ConvolutionLayer) {
            // Folded into the batch norm that follows: emitted there.
            names.put(name, in);
            return;
        }
        if (layer instanceof BatchNormalization) {
            foldedConvolution(name, dl4jIn);
        } else if (layer instanceof ActivationLayer activation) {
            activation(activation.getActivationFn(), in, name);
        } else if (layer instanceof SubsamplingLayer pool && pool.getPoolingType() == PoolingType.AVG) {
            int[] kernel = pool.getKernelSize();
            int[] stride = pool.getStride();
            node("AveragePool", List.of(in), name, ints("kernel_shape", kernel[0], kernel[1]),
                    ints("strides", stride[0], stride[1]), ints("pads", same(dl4jIn, kernel[0], stride[0])),
                    integer("count_include_pad", 0));
        } else if (layer instanceof GlobalPoolingLayer pool && pool.getPoolingType() == PoolingType.AVG) {
            node("GlobalAveragePool", List.of(in), name + "_4d");
            node("Flatten", List.of(name + "_4d"), name, integer("axis", 1));
        } else if (layer instanceof Upsampling2D) {
            // Squeeze-and-excitation's gate, [N, C, 1, 1]: ONNX's Mul broadcasts it over the map.
            names.put(name, in);
        } else if (layer instanceof OutputLayer output) {
            dense(name, in, output.getActivationFn());
        } else if (layer instanceof DenseLayer dense) {
            dense(name, in, dense.getActivationFn());
        } else {
            throw new IllegalArgumentException("no ONNX translation for the layer " + name + " ("
                    + layer.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The convolution before batch norm {@code bn}, with the norm folded in: for output channel c, weights times
     * gamma_c / sigma_c and bias beta_c - gamma_c mean_c / sigma_c, sigma the standard deviation DL4J normalises by.
     */
    private void foldedConvolution(String bn, String convName) {
        Layer conv = ((LayerVertex) network.getConfiguration().getVertices().get(convName)).getLayerConf().getLayer();
        if (!(conv instanceof ConvolutionLayer convolution)) {
            throw new IllegalArgumentException("batch norm " + bn + " follows " + convName + ", not a convolution");
        }
        String convIn = onnx(network.getConfiguration().getVertexInputs().get(convName).get(0));
        String dl4jConvIn = network.getConfiguration().getVertexInputs().get(convName).get(0);
        Map<String, INDArray> norm = network.getLayer(bn).paramTable();
        float[] gamma = vector(norm.get("gamma"));
        float[] beta = vector(norm.get("beta"));
        float[] mean = vector(norm.get("mean"));
        double eps = ((BatchNormalization) ((LayerVertex) network.getConfiguration().getVertices().get(bn))
                .getLayerConf().getLayer()).getEps();
        float[] sigma = new float[gamma.length];
        // DL4J keeps log10 of the running standard deviation without epsilon, and adds epsilon to its square when it
        // normalises: sigma = sqrt(std^2 + eps). Channels with a small variance show the difference.
        if (norm.containsKey("log10stdev")) {
            float[] log10 = vector(norm.get("log10stdev"));
            for (int c = 0; c < sigma.length; c++) {
                sigma[c] = (float) Math.sqrt(Math.pow(10, 2.0 * log10[c]) + eps);
            }
        } else {
            float[] var = vector(norm.get("var"));
            for (int c = 0; c < sigma.length; c++) {
                sigma[c] = (float) Math.sqrt(var[c] + eps);
            }
        }
        INDArray w = network.getLayer(convName).getParam("W");
        boolean depthwise = conv instanceof DepthwiseConvolution2D;
        // DL4J keeps depthwise weights as [kH, kW, C, multiplier]; ONNX wants [C * multiplier, 1, kH, kW].
        INDArray weights = depthwise ? w.permute(2, 3, 0, 1).dup('c').reshape('c', w.size(2) * w.size(3), 1,
                w.size(0), w.size(1)) : w.dup('c');
        long perChannel = weights.length() / gamma.length;
        float[] folded = weights.reshape(weights.length()).toFloatVector();
        float[] bias = new float[gamma.length];
        for (int c = 0; c < gamma.length; c++) {
            float scale = gamma[c] / sigma[c];
            for (long i = c * perChannel; i < (c + 1) * perChannel; i++) {
                folded[(int) i] *= scale;
            }
            bias[c] = beta[c] - scale * mean[c];
        }
        int[] kernel = convolution.getKernelSize();
        int[] stride = convolution.getStride();
        String weightName = bn + "_weight";
        graph.addInitializer(tensor(weightName, weights.shape(), folded));
        graph.addInitializer(tensor(bn + "_bias", new long[] {bias.length}, bias));
        List<Onnx.AttributeProto> attributes = new ArrayList<>(List.of(ints("kernel_shape", kernel[0], kernel[1]),
                ints("strides", stride[0], stride[1]), ints("pads", same(dl4jConvIn, kernel[0], stride[0]))));
        if (depthwise) {
            attributes.add(integer("group", gamma.length));
        }
        node("Conv", List.of(convIn, weightName, bn + "_bias"), bn, attributes.toArray(Onnx.AttributeProto[]::new));
    }

    private void dense(String name, String in, IActivation activation) {
        INDArray w = network.getLayer(name).getParam("W");
        INDArray b = network.getLayer(name).getParam("b");
        graph.addInitializer(tensor(name + "_weight", w.shape(), w.dup('c').reshape(w.length()).toFloatVector()));
        graph.addInitializer(tensor(name + "_bias", new long[] {b.length()}, b.reshape(b.length()).toFloatVector()));
        String linear = activation instanceof ActivationIdentity ? name : name + "_linear";
        node("Gemm", List.of(in, name + "_weight", name + "_bias"), linear);
        if (!(activation instanceof ActivationIdentity)) {
            activation(activation, linear, name);
        }
    }

    private void activation(IActivation activation, String in, String out) {
        if (activation instanceof ActivationReLU) {
            node("Relu", List.of(in), out);
        } else if (activation instanceof ActivationSigmoid) {
            node("Sigmoid", List.of(in), out);
        } else if (activation instanceof ActivationSoftmax) {
            node("Softmax", List.of(in), out, integer("axis", 1));
        } else {
            throw new IllegalArgumentException("no ONNX translation for the activation " + activation);
        }
    }

    /** DL4J's "same" padding of a {@code kernel} at {@code stride} over the map {@code input} gives: top, left,
            bottom, right. */
    private long[] same(String input, int kernel, int stride) {
        InputType.InputTypeConvolutional map = (InputType.InputTypeConvolutional) shapes.getOrDefault(input,
                shapes.get(INPUT));
        long[] pads = new long[4];
        long[] sizes = {map.getHeight(), map.getWidth()};
        for (int d = 0; d < 2; d++) {
            long out = (sizes[d] + stride - 1) / stride;
            long total = Math.max((out - 1) * stride + kernel - sizes[d], 0);
            pads[d] = total / 2;
            pads[d + 2] = total - total / 2;
        }
        return pads;
    }

    /** {@link ChannelNormalization} before layer {@code name}: the same multiply and add, in float32. */
    private String normalize(String name, String in, ChannelNormalization normalization) {
        long[] perChannel = {1, normalization.scale().length, 1, 1};
        graph.addInitializer(tensor(name + "_norm_scale", perChannel, normalization.scale()));
        graph.addInitializer(tensor(name + "_norm_shift", perChannel, normalization.shift()));
        node("Mul", List.of(in, name + "_norm_scale"), name + "_scaled");
        node("Add", List.of(name + "_scaled", name + "_norm_shift"), name + "_normalized");
        return name + "_normalized";
    }

    private static float[] vector(INDArray values) {
        return values.reshape(values.length()).toFloatVector();
    }

    private String onnx(String dl4jName) {
        return names.getOrDefault(dl4jName, dl4jName);
    }

    private void node(String op, List<String> in, String out, Onnx.AttributeProto... attributes) {
        graph.addNode(Onnx.NodeProto.newBuilder().setOpType(op).setName(out + "_" + op).addAllInput(in)
                .addOutput(out).addAllAttribute(List.of(attributes)));
    }

    private String constant(String name, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).addDims(values.length)
                .setDataType(Onnx.TensorProto.DataType.INT64_VALUE).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    private static Onnx.TensorProto tensor(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            tensor.addDims(d);
        }
        return tensor.build();
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder attribute = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    private static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    private static Onnx.TensorShapeProto.Dimension dim(long size) {
        return Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(size).build();
    }

    private static Onnx.TensorShapeProto.Dimension dim(String symbol) {
        return Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(symbol).build();
    }

    private static Onnx.ValueInfoProto value(String name, Onnx.TensorShapeProto.Builder shape) {
        Onnx.TypeProto.Tensor.Builder tensor = Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            tensor.setShape(shape);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(tensor)).build();
    }
}
