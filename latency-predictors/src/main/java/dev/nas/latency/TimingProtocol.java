package dev.nas.latency;

import java.util.function.LongSupplier;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * How latency is timed: {@code warmupRuns} untimed runs (the first call takes 100-300 ms, and DL4J settles only after about 100 calls), then
 * {@code runs} timed runs, summarised by median and interquartile range. When the range exceeds
 * {@code maxRelativeSpread} of the median the machine was busy: the timing is repeated, up to {@code attempts}
 * times, and the steadiest attempt kept.
 */
public record TimingProtocol(int warmupRuns, int runs, double maxRelativeSpread, int attempts) {

    public static final TimingProtocol DEFAULT = new TimingProtocol(200, 60, 0.10, 3);

    public TimingProtocol {
        if (warmupRuns < 0 || runs < 4 || !(maxRelativeSpread > 0) || attempts < 1) {
            throw new IllegalArgumentException("timing needs warm-up >= 0, runs >= 4, a positive spread limit and"
                    + " attempts >= 1, got " + this);
        }
    }

    public Timing measure(Runnable operation) {
        return measure(operation, System::nanoTime);
    }

    /** Times {@code operation} by {@code nanoTime}, a clock in nanoseconds such as {@link System#nanoTime()}. */
    public Timing measure(Runnable operation, LongSupplier nanoTime) {
        for (int i = 0; i < warmupRuns; i++) {
            operation.run();
        }
        Timing best = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            Timing timing = timeRuns(operation, nanoTime);
            if (best == null || timing.relativeSpread() < best.relativeSpread()) {
                best = timing;
            }
            if (best.relativeSpread() <= maxRelativeSpread) {
                break;
            }
        }
        return best;
    }

    private Timing timeRuns(Runnable operation, LongSupplier nanoTime) {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = nanoTime.getAsLong();
            operation.run();
            millis[i] = (nanoTime.getAsLong() - start) / 1e6;
        }
        Percentile percentile = new Percentile();
        percentile.setData(millis);
        return new Timing(percentile.evaluate(50), percentile.evaluate(75) - percentile.evaluate(25), runs);
    }
}
