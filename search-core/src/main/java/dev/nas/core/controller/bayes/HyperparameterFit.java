package dev.nas.core.controller.bayes;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Fits a Gaussian process's hyperparameters (signal variance, noise variance, one length scale per dimension) by
 * maximising the log marginal likelihood with Commons Math's BOBYQA, over their logarithms within bounds. The start
 * is fixed, so the fit is a function of the data alone.
 */
final class HyperparameterFit {

    private static final double[] SIGNAL = {0.05, 20};
    private static final double[] NOISE = {1e-6, 0.5};
    private static final double[] LENGTH = {0.05, 20};
    private static final int EVALUATIONS_PER_PARAMETER = 4;

    private HyperparameterFit() {
    }

    static GaussianProcess.Hyperparameters fit(double[][] x, double[] y, boolean[] categorical) {
        int dims = categorical.length;
        double[] lower = new double[dims + 2];
        double[] upper = new double[dims + 2];
        double[] start = new double[dims + 2];
        bound(lower, upper, start, 0, SIGNAL, 1.0);
        bound(lower, upper, start, 1, NOISE, 1e-2);
        for (int d = 0; d < dims; d++) {
            bound(lower, upper, start, d + 2, LENGTH, categorical[d] ? 1.0 : 0.5);
        }
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * (dims + 2) + 1);
        double[][] best = {start.clone()};
        double[] bestValue = {likelihood(x, y, categorical, start)};
        try {
            optimizer.optimize(
                    new MaxEval(Math.max(EVALUATIONS_PER_PARAMETER * (dims + 2), 2 * (dims + 2) + 20)),
                    new ObjectiveFunction(theta -> {
                        double value = likelihood(x, y, categorical, theta);
                        if (value > bestValue[0]) {
                            bestValue[0] = value;
                            best[0] = theta.clone();
                        }
                        return value;
                    }),
                    GoalType.MAXIMIZE, new InitialGuess(start), new SimpleBounds(lower, upper));
        } catch (MathIllegalStateException e) {
            // The evaluation budget ran out before BOBYQA's convergence test: keep the best point it evaluated.
        }
        return hyperparameters(best[0]);
    }

    private static void bound(double[] lower, double[] upper, double[] start, int i, double[] range, double value) {
        lower[i] = Math.log(range[0]);
        upper[i] = Math.log(range[1]);
        start[i] = Math.log(value);
    }

    private static double likelihood(double[][] x, double[] y, boolean[] categorical, double[] theta) {
        try {
            return new GaussianProcess(x, y, categorical, hyperparameters(theta)).logMarginalLikelihood();
        } catch (NonPositiveDefiniteMatrixException e) {
            return -1e10;
        }
    }

    static GaussianProcess.Hyperparameters hyperparameters(double[] theta) {
        double[] lengths = Arrays.stream(theta, 2, theta.length).map(Math::exp).toArray();
        return new GaussianProcess.Hyperparameters(Math.exp(theta[0]), Math.exp(theta[1]), lengths);
    }
}
