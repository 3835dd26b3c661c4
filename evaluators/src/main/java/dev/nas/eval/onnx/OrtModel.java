package dev.nas.eval.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nas.eval.data.ImageSet;
import dev.nas.space.FeatureMap;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model loaded by ONNX Runtime (CPU, one thread, every graph optimisation), run on batches of NCHW images.
 * Closing it frees ONNX Runtime's native session.
 */
public final class OrtModel implements AutoCloseable {

    /** Images per run where many are scored: enough to amortise a call, few enough to keep activations small. */
    static final int BATCH = 50;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;

    /** Loads {@code model}, the bytes of an ONNX file; refused with ONNX Runtime's reason if it cannot. */
    public OrtModel(byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model, options);
            this.input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The first output for {@code batch} images of {@code shape} (C, H, W) laid out in {@code pixels}. */
    public float[][] run(float[] pixels, int batch, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                new long[] {batch, shape[0], shape[1], shape[2]});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        }
    }

    /**
     * Every output of the model, each flattened, for images {@code start} to {@code start + count} of {@code images}:
     * how calibration reads the activations of a model whose intermediate tensors were made outputs.
     */
    public Map<String, float[]> outputs(ImageSet images, int start, int count) {
        FeatureMap shape = images.shape();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels(images, start, count)),
                new long[] {count, shape.channels(), shape.height(), shape.width()});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> output : result) {
                FloatBuffer values = ((OnnxTensor) output.getValue()).getFloatBuffer();
                float[] copy = new float[values.remaining()];
                values.get(copy);
                outputs.put(output.getKey(), copy);
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        }
    }

    /** The share of {@code images} whose most probable class is their label, run in batches. */
    public double accuracy(ImageSet images) {
        FeatureMap shape = images.shape();
        int correct = 0;
        for (int start = 0; start < images.size(); start += BATCH) {
            int count = Math.min(BATCH, images.size() - start);
            float[][] probabilities = run(pixels(images, start, count), count, new long[] {shape.channels(),
                    shape.height(), shape.width()});
            for (int i = 0; i < count; i++) {
                correct += Agreement.argmax(probabilities[i]) == images.label(start + i) ? 1 : 0;
            }
        }
        return (double) correct / images.size();
    }

    /** Images {@code start} to {@code start + count} laid out one after another, as the model's input takes them. */
    static float[] pixels(ImageSet images, int start, int count) {
        FeatureMap shape = images.shape();
        int size = shape.channels() * shape.pixels();
        float[] pixels = new float[count * size];
        for (int i = 0; i < count; i++) {
            images.copyImage(start + i, pixels, i * size);
        }
        return pixels;
    }

    /** One input, made once, to run the model on again and again (as latency is timed). */
    public interface Prepared extends AutoCloseable {

        void run();

        @Override
        void close();
    }

    /** {@code batch} images of {@code shape} (C, H, W) in {@code pixels}, ready to run. */
    public Prepared prepare(float[] pixels, int batch, long[] shape) {
        try {
            OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                    new long[] {batch, shape[0], shape[1], shape[2]});
            Map<String, OnnxTensor> inputs = Map.of(input, tensor);
            return new Prepared() {
                @Override
                public void run() {
                    try (OrtSession.Result result = session.run(inputs)) {
                        result.get(0);
                    } catch (OrtException e) {
                        throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() {
                    tensor.close();
                }
            };
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot take the input: " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime's version, for records. */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // the native session is freed with the process at the latest
        }
    }
}
