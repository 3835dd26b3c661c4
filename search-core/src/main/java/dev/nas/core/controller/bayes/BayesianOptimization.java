package dev.nas.core.controller.bayes;

import dev.nas.core.controller.ControllerSpec.Bayesian.Acquisition;
import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Seeds;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.ObjectiveSpec;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bayesian optimisation with a Gaussian-process surrogate over the space's numeric encoding ({@link GaussianProcess}):
 * a few random trials, then each ask proposes the untried candidate that maximises the acquisition (expected
 * improvement, or an upper confidence bound) over a pool of random samples and one-decision neighbours of the best
 * trials so far. The target is the MnasNet reward, which carries the latency constraint; with {@code parego} it is
 * ParEGO's augmented Tchebycheff scalarisation (Knowles 2006) of the normalised Pareto objectives under weights
 * drawn afresh for each ask, so successive proposals spread along the front. A failed trial counts as the worst
 * target seen, which steers the surrogate away from what fails. Running trials enter with the mean target (the
 * constant liar), so several workers asking at once get different proposals. Warm-start trials are observations like
 * the study's own, so a warm-started study models from its first ask.
 *
 * <p>Hyperparameters are refitted on the geometric schedule of {@link Refits}; the pool is a {@link CandidatePool}.
 * Both are functions of the trials alone, so a resumed search makes the same proposals.
 */
public final class BayesianOptimization implements Controller {

    public static final String ACQUISITION = "bayes.acquisition";

    private static final int NEIGHBOURHOODS = 5;
    private static final double UCB_KAPPA = 2.0;
    private static final double PAREGO_RHO = 0.05;
    private static final long PAREGO_STREAM = 0x5041_5245_474FL;

    private final Acquisition acquisition;
    private final boolean parego;
    private final int initial;

    public BayesianOptimization(Acquisition acquisition, boolean parego, int initial) {
        this.acquisition = acquisition;
        this.parego = parego;
        this.initial = initial;
    }

    @Override
    public Decision ask(StudyView study) {
        Observations observed = Observations.of(study);
        if (!observed.modellable(initial)) {
            return new RandomSearch().ask(study);
        }
        List<Trial> finished = observed.finished();
        double[] targets = targets(study, finished);
        double[] lies = new double[observed.running().size()];
        Arrays.fill(lies, Arrays.stream(targets).average().orElse(0));
        GaussianProcess gp = observed.model(targets, lies);

        List<Candidate> pool = CandidatePool.of(study, observed.codec(), best(finished, targets), observed.tried());
        if (pool.isEmpty()) {
            return new Decision.Stop(CandidatePool.exhausted());
        }
        double[][] predictions = gp.predict(observed.encodeCandidates(pool));
        double best = Arrays.stream(targets).max().orElseThrow();
        int choice = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pool.size(); i++) {
            double value = acquisition == Acquisition.EXPECTED_IMPROVEMENT
                    ? Improvement.expected(predictions[i][0], predictions[i][1], best)
                    : predictions[i][0] + UCB_KAPPA * predictions[i][1];
            if (value > top) {
                top = value;
                choice = i;
            }
        }
        return new Decision.Start(pool.get(choice), study.spec().fullEpochs(),
                Map.of(ACQUISITION, Double.toString(top)));
    }

    /** The candidates of the {@link #NEIGHBOURHOODS} trials with the highest targets, best first. */
    private static List<Candidate> best(List<Trial> finished, double[] targets) {
        return IntStream.range(0, finished.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -targets[i]).thenComparing(i -> i))
                .limit(NEIGHBOURHOODS).map(i -> finished.get(i).candidate()).toList();
    }

    /** What the surrogate models, per finished trial: the reward, or the ParEGO scalarisation for this ask. */
    private double[] targets(StudyView study, List<Trial> finished) {
        ObjectiveSpec objective = study.spec().objective();
        double[] targets = new double[finished.size()];
        if (!parego) {
            for (int i = 0; i < targets.length; i++) {
                targets[i] = finished.get(i).evaluation().map(e -> Reward.of(objective, e.scores()))
                        .orElse(Double.NaN);
            }
        } else {
            int m = objective.pareto().size();
            double[][] vectors = finished.stream().map(t -> t.evaluation()
                            .map(e -> Front.maximised(objective, e.scores())).orElse(null))
                    .toArray(double[][]::new);
            double[] low = new double[m];
            double[] high = new double[m];
            Arrays.fill(low, Double.POSITIVE_INFINITY);
            Arrays.fill(high, Double.NEGATIVE_INFINITY);
            for (double[] v : vectors) {
                for (int k = 0; v != null && k < m; k++) {
                    low[k] = Math.min(low[k], v[k]);
                    high[k] = Math.max(high[k], v[k]);
                }
            }
            double[] weights = weights(m, new SplittableRandom(
                    Seeds.derive(study.spec().seed(), PAREGO_STREAM, study.nextNumber())));
            for (int i = 0; i < targets.length; i++) {
                targets[i] = vectors[i] == null ? Double.NaN : -tchebycheff(vectors[i], low, high, weights);
            }
        }
        return Observations.failuresAsWorst(targets);
    }

    /** Augmented Tchebycheff distance to the ideal point of objectives normalised to [0, 1] (to minimise). */
    static double tchebycheff(double[] maximised, double[] low, double[] high, double[] weights) {
        double max = 0;
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            double range = high[k] - low[k];
            double shortfall = range > 0 ? (high[k] - maximised[k]) / range : 0;
            max = Math.max(max, weights[k] * shortfall);
            sum += weights[k] * shortfall;
        }
        return max + PAREGO_RHO * sum;
    }

    /** Weights uniform on the simplex. */
    private static double[] weights(int m, SplittableRandom random) {
        double[] w = new double[m];
        double sum = 0;
        for (int k = 0; k < m; k++) {
            w[k] = -Math.log(1 - random.nextDouble());
            sum += w[k];
        }
        for (int k = 0; k < m; k++) {
            w[k] /= sum;
        }
        return w;
    }
}
