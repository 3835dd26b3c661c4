package dev.nas.latency;

/**
 * The statistics of one timing: median and interquartile range of {@code runs} timed runs, in milliseconds.
 */
public record Timing(double medianMs, double iqrMs, int runs) {

    /** Spread relative to the median: how noisy the timing was. */
    public double relativeSpread() {
        return iqrMs / medianMs;
    }
}
