package dev.nas.eval.onnx;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.NetworkBuilder;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Batch-1 inference of a candidate's network in ONNX Runtime, on one thread of the CPU execution provider: the
 * network is built in DL4J with fresh weights (speed does not depend on them), exported to ONNX as {@code nas export}
 * exports it, quantized to int8 as {@code nas export --int8} quantizes it where int8 is asked for (calibrated on
 * noise: the integer kernels take as long whatever the ranges), and loaded in ONNX Runtime with every graph
 * optimisation, as a deployment would run it.
 */
public final class OrtInferenceProbe implements InferenceProbe {

    private static final int CALIBRATION_IMAGES = 8;

    private final SearchSpace space;
    private final boolean int8;

    /** Networks of {@code space} timed in {@code precision}. */
    public OrtInferenceProbe(SearchSpace space, LatencySpec.Precision precision) {
        this.space = space;
        this.int8 = precision == LatencySpec.Precision.INT8;
    }

    @Override
    public String backend() {
        return "ONNX Runtime " + OrtModel.version() + " (CPU execution provider, opset " + OnnxExport.OPSET
                + (int8 ? ", int8 QDQ" : ", fp32") + ")";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public Inference prepare(Candidate candidate) {
        return inference(NetworkBuilder.build(NetworkPlan.of(space, candidate), candidate.training(),
                space.training(), 0, NetworkBuilder.forTiming(space)), space.input());
    }

    @Override
    public Inference prepare(LayerSpec layer) {
        return inference(NetworkBuilder.buildLayer(layer, 0), layer.in());
    }

    private Inference inference(ComputationGraph network, FeatureMap shape) {
        byte[] model;
        try {
            model = OnnxExport.of(network, shape.channels(), shape.height(), shape.width());
        } finally {
            network.close();
        }
        int size = shape.channels() * shape.height() * shape.width();
        byte[] noise = new byte[CALIBRATION_IMAGES * size];
        new SplittableRandom(0).nextBytes(noise);
        ImageSet images = new ImageSet(shape, noise, new int[CALIBRATION_IMAGES]);
        if (int8) {
            model = Int8Quantization.of(model, images);
        }
        float[] image = new float[size];
        images.copyImage(0, image, 0);
        OrtModel runtime = new OrtModel(model);
        OrtModel.Prepared input = runtime.prepare(image, 1, new long[] {shape.channels(), shape.height(),
                shape.width()});
        return new Inference() {
            @Override
            public void run() {
                input.run();
            }

            @Override
            public void close() {
                input.close();
                runtime.close();
            }
        };
    }
}
