package dev.nas.runs.app;

import dev.nas.eval.data.ImageSet;
import dev.nas.eval.onnx.Int8Quantization;
import dev.nas.eval.onnx.OrtModel;
import dev.nas.latency.Timing;
import dev.nas.latency.TimingProtocol;
import dev.nas.runs.export.Manifest;
import dev.nas.runs.export.TrialExport;
import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * An exported model's int8 twin, {@value TrialExport#INT8}: the ONNX model quantized ({@link Int8Quantization}),
 * scored on the images the ONNX model was checked on (and on the test images when the model was retrained), and
 * timed beside the fp32 model in ONNX Runtime on one thread at batch 1, each block of int8 runs paced by fp32 runs
 * so that the speed-up is a ratio taken in one sitting.
 */
final class Int8Export {

    private Int8Export() {
    }

    /**
     * Writes the int8 model of {@code fp32} into {@code directory} and says what it costs and saves.
     *
     * @param test           the test images, when the model was retrained
     * @param baselineParams the baseline's parameters, when there is a baseline
     */
    static Manifest.Int8 write(Path directory, byte[] fp32, CheckImages check, Optional<ImageSet> test,
                               Optional<Long> baselineParams) throws IOException {
        byte[] int8 = Int8Quantization.of(fp32, check.calibration());
        ImageSet images = check.images();
        FeatureMap shape = images.shape();
        float[] image = new float[shape.channels() * shape.pixels()];
        images.copyImage(0, image, 0);
        long[] dims = {shape.channels(), shape.height(), shape.width()};
        double fp32Accuracy;
        double accuracy;
        Double testAccuracy;
        Timing fp32Timing;
        Timing timing;
        try (OrtModel full = new OrtModel(fp32); OrtModel quantized = new OrtModel(int8);
             OrtModel.Prepared fullRun = full.prepare(image, 1, dims);
             OrtModel.Prepared quantizedRun = quantized.prepare(image, 1, dims)) {
            fp32Accuracy = full.accuracy(images);
            accuracy = quantized.accuracy(images);
            testAccuracy = test.map(quantized::accuracy).orElse(null);
            fp32Timing = TimingProtocol.THOROUGH.measure(fullRun::run, System::nanoTime);
            timing = TimingProtocol.THOROUGH.measure(quantizedRun::run, new TimingProtocol.Reference(fullRun::run,
                    fp32Timing.medianMs()), System::nanoTime);
        }
        Files.write(directory.resolve(TrialExport.INT8), int8);
        double sizeRatio = (double) int8.length / fp32.length;
        return new Manifest.Int8(TrialExport.INT8, Int8Quantization.CALIBRATION, check.calibrationDescription(),
                check.calibration().size(), check.description(), images.size(), fp32Accuracy, accuracy,
                accuracy - fp32Accuracy, testAccuracy, fp32.length, int8.length, sizeRatio, 1 - sizeRatio,
                fp32Timing.medianMs(), timing.medianMs(), fp32Timing.medianMs() / timing.medianMs(),
                "ONNX Runtime " + OrtModel.version() + " (CPU, 1 thread, batch 1, median of "
                        + timing.runs() + " runs)",
                baselineParams.map(params -> params * (double) Float.BYTES / int8.length).orElse(null),
                DigestUtils.sha256Hex(int8));
    }
}
