package dev.nas.eval.onnx;

import dev.nas.eval.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Post-training static quantization of an exported model into ONNX's QDQ form, the form ONNX Runtime turns into
 * integer kernels (QLinearConv, QLinearAdd, QLinearMul, QGemm, ...) when it loads the model:
 *
 * <ul>
 *   <li>weights of convolutions and fully connected layers: int8, symmetric, one scale per output channel
 *       (the largest magnitude of the channel's weights maps to 127);</li>
 *   <li>biases: int32 on the scale of the layer's input times each channel's weight scale, as integer kernels add
 *       them;</li>
 *   <li>activations: uint8, asymmetric, one scale and zero point per tensor, from the smallest and largest value
 *       the tensor takes on the calibration images (min-max calibration, the default of ONNX Runtime's own
 *       quantizer); every activation but the logits that feed the softmax, which stay float;</li>
 *   <li>a ReLU right after a convolution is dropped and the convolution's output quantized with the ReLU's range:
 *       uint8 with zero point 0 clamps at zero by itself, and the convolution fuses.</li>
 * </ul>
 *
 * <p>Written here rather than borrowed: ONNX Runtime's quantizer is Python, and no JVM library quantizes ONNX models.
 */
public final class Int8Quantization {

    /** How the activations' ranges were found, for records. */
    public static final String CALIBRATION = "min-max over the calibration images; weights int8 symmetric per "
            + "output channel, activations uint8 asymmetric per tensor, biases int32 (QDQ)";

    /** Calibration images: a few hundred, as static quantization calibrates; more moves the ranges little. */
    public static final int CALIBRATION_IMAGES = 300;

    private static final int CALIBRATION_BATCH = 32;
    private static final Set<String> WEIGHTED = Set.of("Conv", "Gemm");

    private final Onnx.GraphProto source;
    private final Map<String, Onnx.TensorProto> initializers = new LinkedHashMap<>();
    private final Map<String, List<Onnx.NodeProto>> consumers = new HashMap<>();
    private final Onnx.GraphProto.Builder graph;
    /** Each quantized activation's scale, by the name of its float tensor. */
    private final Map<String, Float> scales = new HashMap<>();

    private Int8Quantization(Onnx.GraphProto source) {
        this.source = source;
        for (Onnx.TensorProto initializer : source.getInitializerList()) {
            initializers.put(initializer.getName(), initializer);
        }
        for (Onnx.NodeProto node : source.getNodeList()) {
            for (String in : node.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
        this.graph = source.toBuilder().clearNode().clearInitializer();
    }

    /**
     * The int8 model of {@code model}, an fp32 model of {@link OnnxExport} (bytes of an ONNX file), its activations
     * calibrated on {@code calibration}, images as the model takes them.
     */
    public static byte[] of(byte[] model, ImageSet calibration) {
        Onnx.ModelProto fp32 = parse(model);
        Int8Quantization quantization = new Int8Quantization(fp32.getGraph());
        Map<String, Range> ranges = quantization.calibrate(fp32, calibration);
        return fp32.toBuilder().setGraph(quantization.rewrite(ranges)).build().toByteArray();
    }

    /** The smallest and largest value of a tensor over the calibration images. */
    record Range(float min, float max) {

        Range with(float[] values) {
            float low = min;
            float high = max;
            for (float v : values) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            return new Range(low, high);
        }

        /** uint8 scale and zero point covering the range and zero, so that zero (padding, ReLU) is exact. */
        float scale() {
            float span = Math.max(max, 0) - Math.min(min, 0);
            return span > 0 ? span / 255 : 1;
        }

        int zeroPoint() {
            return (int) Math.max(0, Math.min(255, Math.rint(-Math.min(min, 0) / scale())));
        }
    }

    /** Runs the model on the calibration images with every activation made an output, and keeps their ranges. */
    private Map<String, Range> calibrate(Onnx.ModelProto fp32, ImageSet images) {
        Onnx.GraphProto.Builder probed = fp32.getGraph().toBuilder();
        Set<String> outputs = new HashSet<>();
        probed.getOutputList().forEach(output -> outputs.add(output.getName()));
        for (Onnx.NodeProto node : source.getNodeList()) {
            for (String out : node.getOutputList()) {
                if (outputs.add(out)) {
                    probed.addOutput(Onnx.ValueInfoProto.newBuilder().setName(out).setType(Onnx.TypeProto
                            .newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                                    .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE))));
                }
            }
        }
        String input = source.getInput(0).getName();
        Map<String, Range> ranges = new LinkedHashMap<>();
        try (OrtModel runtime = new OrtModel(fp32.toBuilder().setGraph(probed).build().toByteArray())) {
            for (int start = 0; start < images.size(); start += CALIBRATION_BATCH) {
                int count = Math.min(CALIBRATION_BATCH, images.size() - start);
                Map<String, float[]> values = new HashMap<>(runtime.outputs(images, start, count));
                values.put(input, OrtModel.pixels(images, start, count));
                values.forEach((name, v) -> ranges.merge(name, new Range(Float.MAX_VALUE, -Float.MAX_VALUE)
                        .with(v), (a, b) -> new Range(Math.min(a.min, b.min), Math.max(a.max, b.max))));
            }
        }
        return ranges;
    }

    private Onnx.GraphProto rewrite(Map<String, Range> ranges) {
        Map<String, String> renamed = new HashMap<>();
        Set<Onnx.NodeProto> dropped = new HashSet<>();
        for (Onnx.NodeProto node : source.getNodeList()) {
            List<Onnx.NodeProto> next = consumers.getOrDefault(node.getOutput(0), List.of());
            if (node.getOpType().equals("Conv") && next.size() == 1 && next.get(0).getOpType().equals("Relu")
                    && !isOutput(node.getOutput(0))) {
                dropped.add(next.get(0));
                renamed.put(node.getOutput(0), next.get(0).getOutput(0));
            }
        }
        Set<String> weights = new HashSet<>();
        for (Onnx.NodeProto node : source.getNodeList()) {
            if (WEIGHTED.contains(node.getOpType())) {
                weights.addAll(node.getInputList().subList(1, node.getInputCount()));
            }
        }
        initializers.values().stream().filter(t -> !weights.contains(t.getName())).forEach(graph::addInitializer);
        String input = source.getInput(0).getName();
        quantize(input, ranges.get(input));
        for (Onnx.NodeProto node : source.getNodeList()) {
            if (dropped.contains(node)) {
                continue;
            }
            Onnx.NodeProto.Builder rewritten = node.toBuilder().clearInput().clearOutput();
            for (String in : node.getInputList()) {
                String tensor = renamed.getOrDefault(in, in);
                rewritten.addInput(scales.containsKey(tensor) ? dequantized(tensor) : tensor);
            }
            if (WEIGHTED.contains(node.getOpType())) {
                String activation = renamed.getOrDefault(node.getInput(0), node.getInput(0));
                List<String> parameters = dequantizedParameters(node, scales.get(activation));
                for (int i = 0; i < parameters.size(); i++) {
                    rewritten.setInput(i + 1, parameters.get(i));
                }
            }
            String out = renamed.getOrDefault(node.getOutput(0), node.getOutput(0));
            graph.addNode(rewritten.addOutput(out));
            if (!isOutput(out) && !onlySoftmaxReads(out)) {
                quantize(out, ranges.get(out));
            }
        }
        return graph.build();
    }

    private boolean isOutput(String tensor) {
        return source.getOutputList().stream().anyMatch(output -> output.getName().equals(tensor));
    }

    private boolean onlySoftmaxReads(String tensor) {
        return consumers.getOrDefault(tensor, List.of()).stream().allMatch(n -> n.getOpType().equals("Softmax"));
    }

    /** A QuantizeLinear and DequantizeLinear pair after {@code tensor}: every reader takes the dequantized copy. */
    private void quantize(String tensor, Range range) {
        if (range == null) {
            throw new IllegalStateException("calibration saw no values of " + tensor);
        }
        String scale = tensor + "_scale";
        String zeroPoint = tensor + "_zero_point";
        graph.addInitializer(floats(scale, new long[0], new float[] {range.scale()}));
        graph.addInitializer(raw(zeroPoint, new long[0], Onnx.TensorProto.DataType.UINT8_VALUE,
                new byte[] {(byte) range.zeroPoint()}));
        node("QuantizeLinear", List.of(tensor, scale, zeroPoint), tensor + "_quantized", -1);
        node("DequantizeLinear", List.of(tensor + "_quantized", scale, zeroPoint), dequantized(tensor), -1);
        scales.put(tensor, range.scale());
    }

    private static String dequantized(String tensor) {
        return tensor + "_dequantized";
    }

    /**
     * The weights (int8, per output channel) and bias (int32) of a convolution or dense layer whose input has the
     * scale {@code inputScale}, stored quantized, each with its DequantizeLinear: their dequantized names.
     */
    private List<String> dequantizedParameters(Onnx.NodeProto node, float inputScale) {
        // Conv weights are [out, in, kH, kW]; Gemm's B is [in, out] unless transB says [out, in].
        boolean transposed = node.getOpType().equals("Gemm") && node.getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
        int axis = node.getOpType().equals("Conv") || transposed ? 0 : 1;
        String weightName = node.getInput(1);
        Onnx.TensorProto weight = initializers.get(weightName);
        float[] w = values(weight);
        long[] shape = weight.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int channels = (int) shape[axis];
        float[] weightScales = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channel(i, shape, axis);
            weightScales[c] = Math.max(weightScales[c], Math.abs(w[i]) / 127);
        }
        for (int c = 0; c < channels; c++) {
            weightScales[c] = weightScales[c] > 0 ? weightScales[c] : 1;
        }
        byte[] quantizedWeights = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            quantizedWeights[i] = (byte) Math.max(-127, Math.min(127, Math.rint(w[i]
                    / weightScales[channel(i, shape, axis)])));
        }
        List<String> dequantized = new ArrayList<>(List.of(dequantizeLinear(weightName, raw(weightName
                + "_quantized", shape, Onnx.TensorProto.DataType.INT8_VALUE, quantizedWeights), weightScales,
                raw(weightName + "_zero_point", new long[] {channels}, Onnx.TensorProto.DataType.INT8_VALUE,
                        new byte[channels]), axis)));
        if (node.getInputCount() > 2) {
            String biasName = node.getInput(2);
            float[] b = values(initializers.get(biasName));
            float[] biasScales = new float[channels];
            ByteBuffer q = ByteBuffer.allocate(channels * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                biasScales[c] = inputScale * weightScales[c];
                q.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        Math.rint(b[c] / biasScales[c]))));
            }
            // int32's zero point is 0 by definition, so it is left out.
            dequantized.add(dequantizeLinear(biasName, raw(biasName + "_quantized", new long[] {channels},
                    Onnx.TensorProto.DataType.INT32_VALUE, q.array()), biasScales, null, 0));
        }
        return dequantized;
    }

    /** @param zeroPoint null for none */
    private String dequantizeLinear(String name, Onnx.TensorProto quantized, float[] scale,
                                    Onnx.TensorProto zeroPoint, int axis) {
        graph.addInitializer(quantized).addInitializer(floats(name + "_scale", new long[] {scale.length}, scale));
        List<String> in = new ArrayList<>(List.of(quantized.getName(), name + "_scale"));
        if (zeroPoint != null) {
            graph.addInitializer(zeroPoint);
            in.add(zeroPoint.getName());
        }
        node("DequantizeLinear", in, dequantized(name), axis);
        return dequantized(name);
    }

    /** The channel along {@code axis} of element {@code index} of a row-major tensor of {@code shape}. */
    private static int channel(int index, long[] shape, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return (int) (index / inner % shape[axis]);
    }

    /** A Q or DQ node, unnamed (names are optional, and in a small model they weigh as much as its weights). */
    private void node(String op, List<String> in, String out, int axis) {
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setOpType(op).addAllInput(in).addOutput(out);
        if (axis >= 0) {
            node.addAttribute(Onnx.AttributeProto.newBuilder().setName("axis")
                    .setType(Onnx.AttributeProto.AttributeType.INT).setI(axis));
        }
        graph.addNode(node);
    }

    private static float[] values(Onnx.TensorProto tensor) {
        ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static Onnx.TensorProto floats(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return raw(name, shape, Onnx.TensorProto.DataType.FLOAT_VALUE, bytes.array());
    }

    private static Onnx.TensorProto raw(String name, long[] shape, int type, byte[] data) {
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(data));
        for (long d : shape) {
            tensor.addDims(d);
        }
        return tensor.build();
    }

    private static Onnx.ModelProto parse(byte[] model) {
        try {
            return Onnx.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }
}
