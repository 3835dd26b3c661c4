package dev.nas.runs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * What an exported model is and where it came from, written beside it as {@code manifest.json}: enough to trust it
 * (its metrics and how its latency was measured) and to reproduce it (seeds, data and its hash, versions).
 *
 * @param int8       the int8 model, or null unless asked for
 * @param retraining how it was trained again for deployment, or null when it is the search's own network
 * @param compression against the study's baseline, or null when the trial is the only one completed
 */
public record Manifest(int trial, String key, List<String> architecture, Files files, Model model, Onnx onnx,
                       Int8 int8, Metrics metrics,
                       Latency latency, Compression compression, Retraining retraining, Seeds seeds, Data data,
                       Study study, Versions versions, String exported) {

    /** Snake-case keys, indented. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** @param int8 null unless the int8 model was asked for */
    public record Files(String model, String onnx, String int8, String architecture, String key, String manifest) {
    }

    /**
     * The same network as an ONNX model for inference (batch norms folded into the convolutions), checked at export
     * against DL4J in ONNX Runtime on the images it names.
     *
     * @param inputShape  NCHW, {@code N} the free batch size
     * @param preprocess  what the input's pixels must be
     * @param classes     the name of each output's class, in output order, where the data names them; else empty
     * @param maxAbsDifference the largest difference from DL4J in any class probability
     * @param sameClass   the share of the images given the same class as DL4J
     */
    public record Onnx(int opset, String input, List<String> inputShape, String preprocess, String output,
                       List<String> classes, String checkedWith, String checkedOn, int images,
                       double maxAbsDifference, double sameClass, String sha256) {
    }

    /**
     * The int8 model: the ONNX model after post-training static quantization, scored on the images the ONNX model
     * was checked on, and timed beside it in ONNX Runtime (one thread, batch 1, each block of int8 runs paced by fp32
     * runs).
     *
     * @param quantization   how weights and activations were quantized and calibrated
     * @param calibratedOn   the images the activations' ranges came from
     * @param accuracyChange int8 accuracy minus fp32 accuracy, on the same images, in ONNX Runtime
     * @param testAccuracy   with retraining, the int8 model's accuracy on the test images; else null
     * @param sizeRatio      int8 bytes over fp32 bytes (the compression rate in bytes is its inverse)
     * @param speedUp        fp32 latency over int8 latency
     * @param baselineBytesRate the baseline's fp32 weights (4 bytes a parameter) over the int8 model's bytes; null
     *                          without a baseline
     */
    public record Int8(String file, String quantization, String calibratedOn, int calibrationImages,
                       String scoredOn, int images, double fp32Accuracy, double accuracy, double accuracyChange,
                       Double testAccuracy, long fp32Bytes, long bytes, double sizeRatio, double spaceSaving,
                       double fp32LatencyMs, double latencyMs, double speedUp, String timedWith,
                       Double baselineBytesRate, String sha256) {
    }

    /** The model file: a DL4J ComputationGraph zip (ModelSerializer) with its optimiser state. */
    public record Model(String format, String source, int epochs, List<Integer> inputShape, int classes,
                        long params, String sha256) {
    }

    /** The trial's scores in the study, on its validation split. */
    public record Metrics(double validationAccuracy, List<Double> validationAccuracyByEpoch, double reward,
                          boolean feasible, Double targetLatencyMs, long params, long macs, double trainSeconds) {
    }

    public record Latency(double medianMs, double spreadMs, String spread, int runs, String source, String device,
                          int threads, String cpu, String jvm, String backend) {
    }

    /** Without latencies (a table that has none), the baseline's latency and the speed-up are null. */
    public record Compression(int baselineTrial, long baselineParams, Double baselineLatencyMs, double rate,
                              double spaceSaving, Double speedUp) {
    }

    /** From scratch on every training image, then scored once on the test images. */
    public record Retraining(int epochs, long seed, int trainingImages, int testImages, double testAccuracy,
                             String testData, String testDataSha256, double trainSeconds) {
    }

    public record Seeds(long study, long trial) {
    }

    public record Data(String description, String sha256) {
    }

    public record Study(String database, String name, String space, String spaceFile, String controller,
                        String epochs, double budget, double budgetSpent) {
    }

    public record Versions(String nas, String nasOfSearch, String dl4j, String nd4j, String java, String os) {
    }
}
