package dev.nas.core.controller.bayes;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Expected improvement: how far a normal posterior is expected to exceed a threshold, for maximisation. */
final class Improvement {

    /** Only its density and distribution function are used, which need no random generator. */
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private Improvement() {
    }

    /**
     * E[max(0, Y - threshold)] for Y ~ N(mean, sd^2): (mean - threshold) Phi(z) + sd phi(z), z = (mean - threshold) /
     * sd; 0 under an infinite threshold.
     */
    static double expected(double mean, double sd, double threshold) {
        if (threshold == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (sd <= 1e-12) {
            return Math.max(0, mean - threshold);
        }
        double z = (mean - threshold) / sd;
        return (mean - threshold) * STANDARD.cumulativeProbability(z) + sd * STANDARD.density(z);
    }
}
