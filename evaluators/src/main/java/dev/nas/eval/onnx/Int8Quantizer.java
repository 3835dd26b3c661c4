package dev.nas.eval.onnx;

import dev.nas.core.trial.Quantized;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.Quantizer;
import dev.nas.space.FeatureMap;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained network's int8 model as {@code nas export --int8} would write it: exported to ONNX, quantized with its
 * activations calibrated on training images, and scored in ONNX Runtime on the validation images.
 */
public final class Int8Quantizer implements Quantizer {

    private final ImageSet calibration;
    private final ImageSet validation;

    /** Calibrated on the first {@link Int8Quantization#CALIBRATION_IMAGES} of {@code train}. */
    public Int8Quantizer(ImageSet train, ImageSet validation) {
        this.calibration = train.head(Int8Quantization.CALIBRATION_IMAGES);
        this.validation = validation;
    }

    @Override
    public Quantized quantize(ComputationGraph network) {
        FeatureMap shape = validation.shape();
        try {
            byte[] fp32 = OnnxExport.of(network, shape.channels(), shape.height(), shape.width());
            byte[] int8 = Int8Quantization.of(fp32, calibration);
            try (OrtModel model = new OrtModel(int8)) {
                return new Quantized(model.accuracy(validation), int8.length, fp32.length);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("int8 quantization failed: " + e.getMessage(), e);
        }
    }
}
