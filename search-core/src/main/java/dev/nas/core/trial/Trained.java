package dev.nas.core.trial;

import java.util.List;

/**
 * A candidate trained to the end.
 *
 * @param imagesPerSecond training throughput, excluding validation
 */
public record Trained(List<EpochRecord> epochs, double seconds, double imagesPerSecond) implements TrainingResult {

    public Trained {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a trained candidate has at least one epoch");
        }
    }

    /** Validation accuracy after the last epoch. */
    public double accuracy() {
        return epochs.get(epochs.size() - 1).validationAccuracy();
    }
}
