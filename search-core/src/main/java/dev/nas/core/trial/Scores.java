package dev.nas.core.trial;

import dev.nas.space.Objective;

/**
 * A trial's objective vector: validation accuracy, latency, and cost. The scalar reward and Pareto dominance are
 * computed from it.
 */
public record Scores(double accuracy, double latencyMs, long params, long macs) {

    public double value(Objective objective) {
        return switch (objective) {
            case ACCURACY -> accuracy;
            case LATENCY -> latencyMs;
            case PARAMS -> params;
        };
    }
}
