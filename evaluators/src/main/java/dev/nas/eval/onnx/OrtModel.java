package dev.nas.eval.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX model loaded by ONNX Runtime (CPU, one thread, every graph optimisation), run on batches of NCHW images.
 * Closing it frees ONNX Runtime's native session.
 */
public final class OrtModel implements AutoCloseable {

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
