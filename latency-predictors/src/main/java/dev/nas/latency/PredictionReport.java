package dev.nas.latency;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * How well predicted latencies match measured ones: root-mean-square error, mean absolute percentage error, the
 * share of predictions within ±5% and ±10% of the measured figure (nn-Meter's yardstick), and Kendall's tau
 * between the two rankings (what a search needs: the right order of candidates).
 *
 * @param mape     mean of |predicted - measured| / measured, a fraction
 * @param within5  share of predictions within 5% of the measured latency, a fraction
 * @param within10 share within 10%
 * @param kendallTau Kendall's tau-b; 0 where every prediction is the same (a model that could not split): such a
 *                   model ranks nothing, and tau-b itself is undefined there
 */
public record PredictionReport(int n, double rmseMs, double mape, double within5, double within10,
                               double kendallTau) implements Serializable {

    public static PredictionReport of(double[] measuredMs, double[] predictedMs) {
        int n = measuredMs.length;
        if (n != predictedMs.length || n < 2) {
            throw new IllegalArgumentException("a report needs two or more measured and predicted pairs, got "
                    + measuredMs.length + " measured, " + predictedMs.length + " predicted");
        }
        double squares = 0;
        double relative = 0;
        int within5 = 0;
        int within10 = 0;
        for (int i = 0; i < n; i++) {
            double error = predictedMs[i] - measuredMs[i];
            double ratio = Math.abs(error) / measuredMs[i];
            squares += error * error;
            relative += ratio;
            within5 += ratio <= 0.05 ? 1 : 0;
            within10 += ratio <= 0.10 ? 1 : 0;
        }
        double tau = constant(predictedMs) ? 0 : new KendallsCorrelation().correlation(measuredMs, predictedMs);
        return new PredictionReport(n, Math.sqrt(squares / n), relative / n, (double) within5 / n,
                (double) within10 / n, tau);
    }

    private static boolean constant(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }

    @Override
    public String toString() {
        return String.format("%d networks: RMSE %.3f ms, MAPE %.1f%%, within ±5%% %.1f%%, within ±10%% %.1f%%, "
                + "Kendall's tau %.3f", n, rmseMs, 100 * mape, 100 * within5, 100 * within10, kendallTau);
    }
}
