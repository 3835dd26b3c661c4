package dev.nas.core.trial;

/**
 * A trained network as it would ship quantized to int8: its validation accuracy and the size of its model file
 * against the float model's.
 *
 * @param accuracy   validation accuracy of the quantized model
 * @param bytes      the quantized model file's size
 * @param floatBytes the float model file's size, the same network before quantization
 */
public record Quantized(double accuracy, long bytes, long floatBytes) {

    public Quantized {
        if (!(accuracy >= 0 && accuracy <= 1) || bytes <= 0 || floatBytes <= 0) {
            throw new IllegalArgumentException("a quantized model has an accuracy in [0, 1] and sizes > 0, got "
                    + accuracy + ", " + bytes + " and " + floatBytes + " bytes");
        }
    }

    /** Quantized bytes over float bytes: below 1 where quantizing saves space. */
    public double sizeRatio() {
        return (double) bytes / floatBytes;
    }
}
