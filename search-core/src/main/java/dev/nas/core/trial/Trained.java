package dev.nas.core.trial;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A candidate trained to the end.
 *
 * @param imagesPerSecond training throughput, excluding validation
 * @param quantized       the trained network quantized to int8, when the study scores networks as they would ship
 *                        quantized; else empty
 * @param measures        objective values the evaluator looked up rather than measured, by name: a table's columns
 */
public record Trained(List<EpochRecord> epochs, double seconds, double imagesPerSecond,
                      Optional<Quantized> quantized, Map<String, Double> measures) implements TrainingResult {

    public Trained {
        epochs = List.copyOf(epochs);
        measures = Map.copyOf(measures);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a trained candidate has at least one epoch");
        }
    }

    /** A candidate scored as trained, in float. */
    public Trained(List<EpochRecord> epochs, double seconds, double imagesPerSecond) {
        this(epochs, seconds, imagesPerSecond, Optional.empty(), Map.of());
    }

    /** Validation accuracy after the last epoch. */
    public double accuracy() {
        return epochs.get(epochs.size() - 1).validationAccuracy();
    }

    /** This result with its int8 model. */
    public Trained with(Quantized model) {
        return new Trained(epochs, seconds, imagesPerSecond, Optional.of(model), measures);
    }
}
