package dev.nas.core.controller.bayes;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a Gaussian process's hyperparameters are fitted: when the number of observations reaches the next point of a
 * geometric schedule, and otherwise reused from the last fit, which makes most asks cheap. Both are functions of the
 * observations alone, so a resumed search makes the same proposals; the last fits are remembered by their data.
 */
final class Refits {

    private static final Map<String, GaussianProcess.Hyperparameters> FITS = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, GaussianProcess.Hyperparameters> eldest) {
                    return size() > 64;
                }
            });

    private Refits() {
    }

    /** Hyperparameters fitted on the observations up to the last point of the refit schedule. */
    static GaussianProcess.Hyperparameters hyperparameters(double[][] x, double[] y, boolean[] categorical) {
        int n = point(x.length);
        double[][] prefix = Arrays.copyOf(x, n);
        double[] targets = Arrays.copyOf(y, n);
        String key = Arrays.deepToString(prefix) + Arrays.toString(targets) + Arrays.toString(categorical);
        return FITS.computeIfAbsent(key, k -> HyperparameterFit.fit(prefix, targets, categorical));
    }

    /** The largest point of 1, 2, ..., 8, then x1.5 each time (8, 12, 18, 27, ...), not above {@code n}. */
    static int point(int n) {
        int point = Math.min(n, 8);
        for (int next = 8; next <= n; next = (int) Math.round(next * 1.5)) {
            point = next;
        }
        return point;
    }
}
