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
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Choice;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.NormalDistribution;

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
 * <p>Hyperparameters are refitted when the number of observations reaches the next point of a geometric schedule
 * and otherwise reused from the last fit, which makes most asks cheap; both are functions of the trials alone, so a
 * resumed search makes the same proposals.
 */
public final class BayesianOptimization implements Controller {

    public static final String ACQUISITION = "bayes.acquisition";

    private static final int POOL = 400;
    private static final int NEIGHBOURHOODS = 5;
    private static final double UCB_KAPPA = 2.0;
    private static final double PAREGO_RHO = 0.05;
    private static final long PAREGO_STREAM = 0x5041_5245_474FL;
    private static final Map<String, GaussianProcess.Hyperparameters> FITS = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, GaussianProcess.Hyperparameters> eldest) {
                    return size() > 64;
                }
            });

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
        List<Trial> finished = study.known().stream().filter(t -> t.outcome().isPresent())
                .sorted(Comparator.comparingInt(Trial::number)).toList();
        if (finished.size() < initial || finished.stream().noneMatch(t -> t.evaluation().isPresent())) {
            return new RandomSearch().ask(study);
        }
        CandidateCodec codec = study.spec().space().codec();
        boolean[] categorical = new boolean[codec.dimensions().size()];
        for (int d = 0; d < categorical.length; d++) {
            categorical[d] = codec.dimensions().get(d).domain() instanceof Choice<?>;
        }
        double[] targets = targets(study, finished);
        double[][] x = finished.stream().map(t -> codec.encode(t.candidate())).toArray(double[][]::new);
        GaussianProcess.Hyperparameters h = hyperparameters(x, targets, categorical);

        List<Trial> running = study.trials().stream().filter(t -> t.outcome().isEmpty()).toList();
        double lie = Arrays.stream(targets).average().orElse(0);
        double[][] withLies = new double[x.length + running.size()][];
        double[] liedTargets = new double[withLies.length];
        for (int i = 0; i < withLies.length; i++) {
            withLies[i] = i < x.length ? x[i] : codec.encode(running.get(i - x.length).candidate());
            liedTargets[i] = i < x.length ? targets[i] : lie;
        }
        GaussianProcess gp = new GaussianProcess(withLies, liedTargets, categorical, h);

        Set<Candidate> tried = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        List<Candidate> pool = pool(study, codec, finished, targets, tried);
        if (pool.isEmpty()) {
            return new Decision.Stop("no untried candidate left near the trials or among " + POOL + " samples");
        }
        double[][] predictions = gp.predict(pool.stream().map(codec::encode).toArray(double[][]::new));
        double best = Arrays.stream(targets).max().orElseThrow();
        int choice = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pool.size(); i++) {
            double value = acquisition == Acquisition.EXPECTED_IMPROVEMENT
                    ? expectedImprovement(predictions[i][0], predictions[i][1], best)
                    : predictions[i][0] + UCB_KAPPA * predictions[i][1];
            if (value > top) {
                top = value;
                choice = i;
            }
        }
        return new Decision.Start(pool.get(choice), study.spec().fullEpochs(),
                Map.of(ACQUISITION, Double.toString(top)));
    }

    /** Expected improvement over {@code best} of a normal posterior, for maximisation. */
    static double expectedImprovement(double mean, double sd, double best) {
        if (sd <= 1e-12) {
            return Math.max(0, mean - best);
        }
        double z = (mean - best) / sd;
        NormalDistribution normal = new NormalDistribution();
        return (mean - best) * normal.cumulativeProbability(z) + sd * normal.density(z);
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
        double worst = Arrays.stream(targets).filter(Double::isFinite).min().orElse(0);
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                targets[i] = worst;
            }
        }
        return targets;
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

    /** Hyperparameters fitted on the observations up to the last point of the refit schedule. */
    private static GaussianProcess.Hyperparameters hyperparameters(double[][] x, double[] y, boolean[] categorical) {
        int n = refitPoint(x.length);
        double[][] prefix = Arrays.copyOf(x, n);
        double[] targets = Arrays.copyOf(y, n);
        String key = Arrays.deepToString(prefix) + Arrays.toString(targets)
                + Arrays.toString(categorical);
        return FITS.computeIfAbsent(key, k -> HyperparameterFit.fit(prefix, targets, categorical));
    }

    /** The largest point of 1, 2, ..., 8, then x1.5 each time (8, 12, 18, 27, ...), not above {@code n}. */
    static int refitPoint(int n) {
        int point = Math.min(n, 8);
        for (int next = 8; next <= n; next = (int) Math.round(next * 1.5)) {
            point = next;
        }
        return point;
    }

    /** Untried candidates to score: random samples, and every one-decision neighbour of the best trials. */
    private static List<Candidate> pool(StudyView study, CandidateCodec codec, List<Trial> finished, double[] targets,
                                        Set<Candidate> tried) {
        Set<Candidate> pool = new LinkedHashSet<>();
        SplittableRandom random = study.random();
        for (int i = 0; i < POOL; i++) {
            pool.add(codec.sample(random));
        }
        Actions actions = Actions.of(codec);
        Integer[] order = new Integer[finished.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -targets[i]).thenComparing(i -> i));
        for (int b = 0; b < Math.min(NEIGHBOURHOODS, order.length); b++) {
            int[] decisions = actions.actions(finished.get(order[b]).candidate());
            for (int d = 0; d < decisions.length; d++) {
                for (int v = 0; v < actions.sizes()[d]; v++) {
                    int[] neighbour = decisions.clone();
                    neighbour[d] = v;
                    pool.add(actions.candidate(neighbour));
                }
            }
        }
        pool.removeAll(tried);
        return new ArrayList<>(pool);
    }
}
