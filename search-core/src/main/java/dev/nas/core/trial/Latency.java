package dev.nas.core.trial;

import java.util.Optional;

/**
 * Batch-1 inference latency of a candidate.
 *
 * @param medianMs median over {@code runs} timed runs, in milliseconds
 * @param spreadMs interquartile range of those runs, in milliseconds
 */
public record Latency(double medianMs, double spreadMs, int runs, LatencySource source, Conditions conditions) {

    public Latency {
        if (source == LatencySource.NONE) {
            if (!Double.isNaN(medianMs) || !Double.isNaN(spreadMs) || runs != 0) {
                throw new IllegalArgumentException("no latency has no figures, got " + medianMs + " ms");
            }
        } else if (!(medianMs > 0) || !Double.isFinite(medianMs) || !(spreadMs >= 0) || runs < 1) {
            throw new IllegalArgumentException("latency needs a positive median, a spread >= 0 and runs >= 1, got "
                    + medianMs + " ms, " + spreadMs + " ms, " + runs + " runs");
        }
    }

    /** No latency: scored from a table that has none. Its figures are NaN and never shown. */
    public static Latency none(Conditions conditions) {
        return new Latency(Double.NaN, Double.NaN, 0, LatencySource.NONE, conditions);
    }

    /** Whether there is a latency at all. */
    public boolean known() {
        return source != LatencySource.NONE;
    }

    /** The median, if there is a latency: what outputs show (an empty cell, a JSON null, otherwise). */
    public Optional<Double> median() {
        return known() ? Optional.of(medianMs) : Optional.empty();
    }

    /** The interquartile range, if there is a latency. */
    public Optional<Double> spread() {
        return known() ? Optional.of(spreadMs) : Optional.empty();
    }
}
