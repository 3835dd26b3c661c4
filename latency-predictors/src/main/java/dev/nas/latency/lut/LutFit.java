package dev.nas.latency.lut;

import java.io.Serializable;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How a network's lookup-table sum becomes its latency: {@code overheadMs + scale x sum}, fitted by least squares
 * to networks measured whole. The overhead is what the table cannot see (the head's pooling and classifier, the
 * graph's own bookkeeping per call); the scale absorbs what timing layers alone does to them (their caches are warm,
 * each call pays the per-call cost the network pays once).
 */
public record LutFit(double overheadMs, double scale, int networks) implements Serializable {

    /** Fewest measured networks a fit is made from. */
    public static final int MIN_NETWORKS = 5;

    public LutFit {
        if (!Double.isFinite(overheadMs) || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("a lookup-table fit needs a finite overhead and a positive scale, got "
                    + overheadMs + " ms + " + scale + " x sum");
        }
    }

    public static LutFit fit(double[] sums, double[] measuredMs) {
        if (sums.length != measuredMs.length || sums.length < MIN_NETWORKS) {
            throw new IllegalArgumentException("fitting a lookup table needs at least " + MIN_NETWORKS
                    + " networks measured whole, got " + measuredMs.length);
        }
        SimpleRegression regression = new SimpleRegression(true);
        for (int i = 0; i < sums.length; i++) {
            regression.addData(sums[i], measuredMs[i]);
        }
        return new LutFit(regression.getIntercept(), regression.getSlope(), sums.length);
    }

    public double latencyMs(double sum) {
        return overheadMs + scale * sum;
    }

    @Override
    public String toString() {
        return String.format("%.3f ms + %.3f x the sum of the layers (fitted on %d networks)", overheadMs, scale,
                networks);
    }
}
