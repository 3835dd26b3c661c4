package dev.nas.core.trial;

import dev.nas.space.Objective;
import java.util.Map;

/**
 * A trial's objective vector: validation accuracy, latency, cost, and the other objectives it has a value of
 * (memory and size in bytes, a table's columns). The scalar reward and Pareto dominance are computed from it.
 *
 * @param others values of objectives beyond accuracy, latency, parameters and MACs, by {@link Objective#token()}
 */
public record Scores(double accuracy, double latencyMs, long params, long macs, Map<String, Double> others) {

    public Scores {
        others = Map.copyOf(others);
    }

    /** Accuracy, latency and cost only. */
    public Scores(double accuracy, double latencyMs, long params, long macs) {
        this(accuracy, latencyMs, params, macs, Map.of());
    }

    /** The objective's value in its unit; NaN where the trial has none (a study from before it was recorded). */
    public double value(Objective objective) {
        if (!(objective instanceof Objective.Measure measure)) {
            return other(objective);
        }
        return switch (measure) {
            case ACCURACY -> accuracy;
            case LATENCY -> latencyMs;
            case PARAMS -> params;
            case MACS -> macs;
            case MEMORY, SIZE -> other(objective);
        };
    }

    private double other(Objective objective) {
        return others.getOrDefault(objective.token(), Double.NaN);
    }
}
