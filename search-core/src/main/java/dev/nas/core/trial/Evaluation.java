package dev.nas.core.trial;

import dev.nas.space.plan.Cost;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a completed trial measured: the per-epoch history, latency, cost and training speed. The objective
 * vector ({@link #scores()}) is computed from it, at any epoch; the reward is computed from the vector.
 *
 * @param quantized       the trained network quantized to int8, when the study scores networks as they would ship
 *                        quantized: then its accuracy is the trial's
 * @param comparedLatency the latency in a second engine, where the study times candidates in two to compare them
 * @param measures        values of the objectives beyond accuracy, latency and cost, by name: memory and size in
 *                        bytes ({@link dev.nas.space.plan.Footprint}), a table's columns; empty in studies from before
 *                        they were recorded
 */
public record Evaluation(List<EpochRecord> epochs, Latency latency, Cost cost, double trainSeconds,
                         double imagesPerSecond, Optional<Quantized> quantized, Optional<Latency> comparedLatency,
                         Map<String, Double> measures) {

    public Evaluation {
        epochs = List.copyOf(epochs);
        measures = Map.copyOf(measures);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("an evaluation has at least one epoch");
        }
    }

    /** A trial scored as trained, in float. */
    public Evaluation(List<EpochRecord> epochs, Latency latency, Cost cost, double trainSeconds,
                      double imagesPerSecond) {
        this(epochs, latency, cost, trainSeconds, imagesPerSecond, Optional.empty(), Optional.empty(), Map.of());
    }

    /** The accuracy the trial is scored by: its int8 model's where the study quantizes, else the trained network's. */
    public double accuracy() {
        return quantized.map(Quantized::accuracy).orElse(trainedAccuracy());
    }

    /** The trained (float) network's validation accuracy after the last epoch. */
    public double trainedAccuracy() {
        return epochs.get(epochs.size() - 1).validationAccuracy();
    }

    /** The objective vector after the last epoch; latency and cost do not change with training. */
    public Scores scores() {
        return new Scores(accuracy(), latency.medianMs(), cost.params(), cost.macs(), measures);
    }
}
