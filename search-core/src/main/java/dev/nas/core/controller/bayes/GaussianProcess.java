package dev.nas.core.controller.bayes;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Gaussian-process regression with a Matern 5/2 kernel and one length scale per searched dimension (ARD), on
 * Commons Math's Cholesky decomposition. Inputs are per-dimension coordinates: a choice's option index, compared
 * only for equality (distance 0 or 1, the categorical overlap kernel's distance), or a range's position in [0, 1].
 * Targets are standardised to zero mean and unit variance before fitting, and predictions returned on the original
 * scale.
 */
final class GaussianProcess {

    private static final double SQRT5 = Math.sqrt(5);

    private final double[][] x;
    private final boolean[] categorical;
    private final Hyperparameters h;
    private final double[] inverseSquaredLengths;
    private final double mean;
    private final double scale;
    private final DecompositionSolver solver;
    private final RealVector alpha;
    private RealMatrix inverse;
    private final double logMarginalLikelihood;

    /** Signal variance, noise variance (both on the standardised scale) and length scales. */
    record Hyperparameters(double signal, double noise, double[] lengthScales) {
    }

    GaussianProcess(double[][] x, double[] y, boolean[] categorical, Hyperparameters h) {
        this.x = x;
        this.categorical = categorical;
        this.h = h;
        this.inverseSquaredLengths = Arrays.stream(h.lengthScales()).map(l -> 1 / (l * l)).toArray();
        int n = y.length;
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        mean = sum / n;
        double squares = 0;
        for (double v : y) {
            squares += (v - mean) * (v - mean);
        }
        scale = n > 1 && squares > 0 ? Math.sqrt(squares / n) : 1;
        RealVector target = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            target.setEntry(i, (y[i] - mean) / scale);
        }
        RealMatrix k = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double value = kernel(x[i], x[j]) + (i == j ? h.noise() + 1e-8 : 0);
                k.setEntry(i, j, value);
                k.setEntry(j, i, value);
            }
        }
        CholeskyDecomposition cholesky = new CholeskyDecomposition(k, 1e-10, 1e-12);
        solver = cholesky.getSolver();
        alpha = solver.solve(target);
        double logDet = 0;
        RealMatrix l = cholesky.getL();
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l.getEntry(i, i));
        }
        logMarginalLikelihood = -0.5 * target.dotProduct(alpha) - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
    }

    double kernel(double[] a, double[] b) {
        double r2 = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = categorical[d] ? (a[d] == b[d] ? 0 : 1) : a[d] - b[d];
            r2 += diff * diff * inverseSquaredLengths[d];
        }
        double r = Math.sqrt(r2);
        return h.signal() * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
    }

    /** Log marginal likelihood of the standardised targets: what fitting the hyperparameters maximises. */
    double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    /** Posterior mean and standard deviation at each of {@code points}, on the targets' scale. */
    double[][] predict(double[][] points) {
        int n = x.length;
        // Block matrices multiply cache-efficiently: this product is most of an ask's time.
        RealMatrix cross = new BlockRealMatrix(points.length, n);
        for (int p = 0; p < points.length; p++) {
            for (int i = 0; i < n; i++) {
                cross.setEntry(p, i, kernel(points[p], x[i]));
            }
        }
        RealVector means = cross.operate(alpha);
        if (inverse == null) {
            // Formed once, when the first prediction needs it: fitting only needs the likelihood.
            inverse = new BlockRealMatrix(solver.getInverse().getData());
        }
        RealMatrix weighted = cross.multiply(inverse);
        double[][] result = new double[points.length][2];
        for (int p = 0; p < points.length; p++) {
            double explained = weighted.getRowVector(p).dotProduct(cross.getRowVector(p));
            double variance = Math.max(0, h.signal() - explained);
            result[p][0] = mean + scale * means.getEntry(p);
            result[p][1] = scale * Math.sqrt(variance);
        }
        return result;
    }
}
