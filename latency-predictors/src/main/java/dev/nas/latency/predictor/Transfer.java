package dev.nas.latency.predictor;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.ActivationMemory;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * What a new device's predictor learns from other devices (HELP's idea, Lee et al. 2021, without its
 * meta-learning): the log of its latency as a ridge regression on the log of each source device's predicted
 * latency and the log of the network's multiply-accumulates, parameters and peak activation memory. Latency across
 * CPUs, engines and precisions is roughly a power law of another device's (a monotone distortion), which a line in
 * logs fits from a handful of networks; the costs carry what the sources' ranking misses. The inputs are
 * standardised and the penalty is chosen by exact leave-one-out error over a fixed grid, so that 5 networks and 900
 * are fitted alike with no knob to set.
 *
 * <p>The source predictors are saved inside, as they were when this was fitted: a target device predicts the same
 * tomorrow even if a source is retrained or deleted (train the target again to take in a source's changes).
 */
public final class Transfer implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Fewest networks to fit on: leave-one-out needs a few more networks than a line through two points. */
    public static final int MIN_SAMPLES = 5;
    /** Penalties tried, 10^-4 to 10^3 in half decades: on standardised inputs, from none to the mean alone. */
    private static final double[] PENALTIES = IntStream.rangeClosed(-8, 6)
            .mapToDouble(k -> Math.pow(10, k / 2.0)).toArray();
    private static final List<String> COSTS = List.of("log_macs", "log_params", "log_memory");

    private final ArrayList<LatencyPredictor> sources;
    private final double[] mean;
    private final double[] scale;
    private final double[] coefficients;
    private final double intercept;
    private final double penalty;

    private Transfer(List<LatencyPredictor> sources, double[] mean, double[] scale, double[] coefficients,
                     double intercept, double penalty) {
        this.sources = new ArrayList<>(sources);
        this.mean = mean;
        this.scale = scale;
        this.coefficients = coefficients;
        this.intercept = intercept;
        this.penalty = penalty;
    }

    /**
     * Fits the target device's {@code samples} of {@code space} on what {@code sources} predict for them (none: on
     * the costs alone); throws if there are fewer than {@link #MIN_SAMPLES}.
     */
    public static Transfer fit(SearchSpace space, List<LatencyPredictor> sources, List<MeasuredNetwork> samples) {
        if (samples.size() < MIN_SAMPLES) {
            throw new BadInput("transfer needs at least " + MIN_SAMPLES + " measured networks, got "
                    + samples.size());
        }
        List<LatencyPredictor.Bound> bound = sources.stream().map(s -> s.bind(space)).toList();
        int n = samples.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = inputs(space, bound, samples.get(i).candidate());
            y[i] = Math.log(samples.get(i).latencyMs());
        }
        int p = x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            int column = j;
            mean[j] = Arrays.stream(x).mapToDouble(r -> r[column]).average().orElseThrow();
            double variance = Arrays.stream(x).mapToDouble(r -> Math.pow(r[column] - mean[column], 2))
                    .average().orElseThrow();
            // A cost every sample shares (one width, say) says nothing: it is left at zero rather than divided by 0.
            scale[j] = variance > 1e-18 ? Math.sqrt(variance) : Double.POSITIVE_INFINITY;
        }
        double yMean = Arrays.stream(y).average().orElseThrow();
        RealMatrix design = MatrixUtils.createRealMatrix(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                design.setEntry(i, j, (x[i][j] - mean[j]) / scale[j]);
            }
        }
        RealVector centred = MatrixUtils.createRealVector(y).mapSubtract(yMean);
        double bestError = Double.POSITIVE_INFINITY;
        double[] best = new double[p];
        double bestPenalty = PENALTIES[PENALTIES.length - 1];
        for (double penalty : PENALTIES) {
            RealMatrix inverse = new CholeskyDecomposition(design.transpose().multiply(design)
                    .add(MatrixUtils.createRealIdentityMatrix(p).scalarMultiply(penalty))).getSolver().getInverse();
            RealVector beta = inverse.operate(design.transpose().operate(centred));
            double error = 0;
            for (int i = 0; i < n; i++) {
                RealVector row = design.getRowVector(i);
                double leverage = 1.0 / n + row.dotProduct(inverse.operate(row));
                // The exact leave-one-out residual of a linear smoother: the residual over one minus the leverage.
                error += Math.pow((centred.getEntry(i) - row.dotProduct(beta)) / Math.max(1e-9, 1 - leverage), 2);
            }
            if (error < bestError) {
                bestError = error;
                best = beta.toArray();
                bestPenalty = penalty;
            }
        }
        return new Transfer(sources, mean, scale, best, yMean, bestPenalty);
    }

    private static double[] inputs(SearchSpace space, List<LatencyPredictor.Bound> sources, Candidate candidate) {
        double[] x = new double[sources.size() + COSTS.size()];
        for (int s = 0; s < sources.size(); s++) {
            x[s] = Math.log(Math.max(1e-9, sources.get(s).latencyMs(candidate)));
        }
        NetworkPlan plan = NetworkPlan.of(space, candidate);
        Cost cost = Cost.of(plan);
        x[sources.size()] = Math.log1p(cost.macs());
        x[sources.size() + 1] = Math.log1p(cost.params());
        x[sources.size() + 2] = Math.log1p(ActivationMemory.peak(plan));
        return x;
    }

    /** The source devices' names, in the order their predictions enter the fit. */
    public List<String> sources() {
        return sources.stream().map(LatencyPredictor::device).toList();
    }

    /** The ridge penalty leave-one-out chose. */
    public double penalty() {
        return penalty;
    }

    /** This transfer for the candidates of {@code space}; throws if a source was trained for other features. */
    public Bound bind(SearchSpace space) {
        return new Bound(space, sources.stream().map(s -> s.bind(space)).toList());
    }

    @Override
    public String toString() {
        return sources.isEmpty() ? "costs alone" : "transfer from " + String.join(", ", sources());
    }

    /** A transfer ready to predict the candidates of one space. */
    public final class Bound {

        private final SearchSpace space;
        private final List<LatencyPredictor.Bound> bound;

        private Bound(SearchSpace space, List<LatencyPredictor.Bound> bound) {
            this.space = space;
            this.bound = bound;
        }

        public double latencyMs(Candidate candidate) {
            double[] x = inputs(space, bound, candidate);
            double log = intercept;
            for (int j = 0; j < x.length; j++) {
                log += coefficients[j] * (x[j] - mean[j]) / scale[j];
            }
            return Math.exp(log);
        }
    }
}
