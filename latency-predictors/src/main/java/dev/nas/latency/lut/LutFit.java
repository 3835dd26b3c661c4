package dev.nas.latency.lut;

import dev.nas.space.BadInput;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How a network's lookup-table sum becomes its latency: {@code overheadMs + scale x sum + perLayerMs x layers},
 * fitted by least squares to networks measured whole. The overhead is what the table cannot see (the head's
 * pooling and classifier, the call into the network); the per-layer term takes out what every layer timed alone
 * pays once more (a call of its own), which a network of more layers overcounts more; the scale absorbs what
 * timing layers alone does to them (warm caches). Where every network has as many layers, the per-layer term is 0.
 */
public record LutFit(double overheadMs, double scale, double perLayerMs, int networks) implements Serializable {

    /** Fewest measured networks a fit is made from. */
    public static final int MIN_NETWORKS = 5;

    public LutFit {
        if (!Double.isFinite(overheadMs) || !(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(perLayerMs)) {
            throw new IllegalArgumentException("a lookup-table fit needs a finite overhead and per-layer term and a "
                    + "positive scale, got " + overheadMs + " ms + " + scale + " x sum + " + perLayerMs + " x layers");
        }
    }

    /** Fits the latencies {@code measuredMs} of networks with table sums {@code sums} of {@code layers} layers. */
    public static LutFit fit(double[] sums, int[] layers, double[] measuredMs) {
        int n = measuredMs.length;
        if (sums.length != n || layers.length != n || n < MIN_NETWORKS) {
            throw new BadInput("fitting a lookup table needs at least " + MIN_NETWORKS
                    + " networks measured whole, got " + n);
        }
        if (Arrays.stream(layers).distinct().count() == 1) {
            SimpleRegression regression = new SimpleRegression(true);
            for (int i = 0; i < n; i++) {
                regression.addData(sums[i], measuredMs[i]);
            }
            return new LutFit(regression.getIntercept(), regression.getSlope(), 0, n);
        }
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {sums[i], layers[i]};
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.newSampleData(measuredMs, x);
        double[] beta = regression.estimateRegressionParameters();
        return new LutFit(beta[0], beta[1], beta[2], n);
    }

    public double latencyMs(double sum, int layers) {
        return overheadMs + scale * sum + perLayerMs * layers;
    }

    @Override
    public String toString() {
        return String.format("%.3f ms + %.3f x the sum of the layers %s %.4f ms x layers (fitted on %d networks)",
                overheadMs, scale, perLayerMs < 0 ? "-" : "+", Math.abs(perLayerMs), networks);
    }
}
