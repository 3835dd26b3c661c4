package dev.nas.core.trial;

/**
 * Batch-1 inference latency of a candidate.
 *
 * @param medianMs median over {@code runs} timed runs, in milliseconds
 * @param spreadMs interquartile range of those runs, in milliseconds
 */
public record Latency(double medianMs, double spreadMs, int runs, LatencySource source, Conditions conditions) {

    public Latency {
        if (!(medianMs > 0) || !Double.isFinite(medianMs) || !(spreadMs >= 0) || runs < 1) {
            throw new IllegalArgumentException("latency needs a positive median, a spread >= 0 and runs >= 1, got "
                    + medianMs + " ms, " + spreadMs + " ms, " + runs + " runs");
        }
    }
}
