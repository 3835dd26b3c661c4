package dev.nas.core.trial;

import dev.nas.space.plan.Cost;
import java.util.List;

/**
 * Everything a completed trial measured: the per-epoch history, latency, cost and training speed. The objective
 * vector ({@link #scores()}) is computed from it, at any epoch; the reward is computed from the vector.
 */
public record Evaluation(List<EpochRecord> epochs, Latency latency, Cost cost, double trainSeconds,
                         double imagesPerSecond) {

    public Evaluation {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("an evaluation has at least one epoch");
        }
    }

    public double accuracy() {
        return epochs.get(epochs.size() - 1).validationAccuracy();
    }

    /** The objective vector after the last epoch; latency and cost do not change with training. */
    public Scores scores() {
        return new Scores(accuracy(), latency.medianMs(), cost.params(), cost.macs());
    }
}
