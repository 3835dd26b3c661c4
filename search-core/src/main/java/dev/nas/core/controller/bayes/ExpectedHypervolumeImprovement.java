package dev.nas.core.controller.bayes;

import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Multi-objective Bayesian optimisation by expected hypervolume improvement (EHVI; Emmerich et al. 2006): one
 * Gaussian process per Pareto objective over the space's encoding, and each ask proposes the untried candidate whose
 * predicted objectives are expected to add the most hypervolume to the front so far. A few random trials come first.
 *
 * <ul>
 *   <li><b>Objectives</b> are {@link Front#maximised} vectors, each normalised to [0, 1] by the lowest and highest
 *       value the completed trials reached, so that no objective's unit weighs more than another's.</li>
 *   <li><b>Reference point</b>: 0.1 below 0 in every normalised objective, i.e. a tenth of the observed range worse
 *       than the worst value seen, so that the extreme points of the front (the most accurate, the fastest) still
 *       enclose some volume and improving them counts.</li>
 *   <li><b>Acquisition</b>: exact EHVI for any number of objectives, in closed form over a box decomposition of
 *       the region the front does not dominate ({@link HypervolumeImprovement}); no Monte Carlo is needed because
 *       the objectives' posteriors are independent. Its cost per candidate is one product per box, at most
 *       (n + 1)^(m - 1) boxes for a front of n points: n + 1 for two objectives, a front's size squared for three;
 *       a front needing more than {@value HypervolumeImprovement#MAX_BOXES} is thinned to a coarser one first.
 *       The value is recorded with the trial as {@value #ACQUISITION}.</li>
 *   <li><b>Running trials</b>, in the spirit of qNEHVI (Daulton et al. 2021): each is fantasised at its posterior
 *       mean (the kriging believer), entering every objective's Gaussian process as an observation and the front
 *       as a point, so several workers asking at once get different proposals: the improvement a running trial is
 *       expected to bring is no longer on offer. (qNEHVI integrates over the running trials' posterior instead.)</li>
 *   <li><b>Failed or pruned trials</b> enter every objective's process at the worst value observed, which steers the
 *       proposals away from what fails, as in {@link BayesianOptimization}; they are never on the front.</li>
 *   <li><b>Pool</b>: a {@link CandidatePool} of random samples and the one-decision neighbours of the front's
 *       members, up to {@value #ANCHORS} of them, those of highest reward first.</li>
 * </ul>
 *
 * <p>Hyperparameters are fitted on the objectives' raw values on the schedule of {@link Refits} (a Gaussian process
 * standardises its targets, so normalising changes no fit). Everything is a function of the stored trials and the
 * study seed, so a resumed study asks the same. Warm-start trials are observations like the study's own.
 */
public final class ExpectedHypervolumeImprovement implements Controller {

    public static final String ACQUISITION = "ehvi.acquisition";

    private static final double REFERENCE_MARGIN = 0.1;
    private static final int ANCHORS = 10;

    private final int initial;

    public ExpectedHypervolumeImprovement(int initial) {
        this.initial = initial;
    }

    @Override
    public Decision ask(StudyView study) {
        Observations observed = Observations.of(study);
        if (!observed.modellable(initial)) {
            return new RandomSearch().ask(study);
        }
        ObjectiveSpec objective = study.spec().objective();
        int m = objective.pareto().size();
        List<Trial> finished = observed.finished();
        double[][] vectors = finished.stream()
                .map(t -> t.evaluation().map(e -> Front.maximised(objective, e.scores())).orElse(null))
                .toArray(double[][]::new);
        Normalisation scale = Normalisation.of(vectors, m);

        GaussianProcess[] models = new GaussianProcess[m];
        int running = observed.running().size();
        double[][] fantasies = new double[running][m];
        for (int k = 0; k < m; k++) {
            int objectiveIndex = k;
            double[] targets = Observations.failuresAsWorst(Arrays.stream(vectors)
                    .mapToDouble(v -> v == null ? Double.NaN : v[objectiveIndex]).toArray());
            models[k] = observed.model(targets, new double[0]);
            if (running > 0) {
                double[][] believed = models[k].predict(observed.encode(observed.running()));
                double[] means = Arrays.stream(believed).mapToDouble(p -> p[0]).toArray();
                for (int i = 0; i < running; i++) {
                    fantasies[i][k] = means[i];
                }
                models[k] = observed.model(targets, means);
            }
        }

        List<double[]> points = new ArrayList<>();
        Arrays.stream(vectors).filter(Objects::nonNull).forEach(v -> points.add(scale.apply(v)));
        Arrays.stream(fantasies).forEach(v -> points.add(scale.apply(v)));
        double[] reference = new double[m];
        Arrays.fill(reference, -REFERENCE_MARGIN);
        HypervolumeImprovement improvement = new HypervolumeImprovement(points, reference);

        List<Candidate> pool = CandidatePool.of(study, observed.codec(), anchors(objective, finished, vectors),
                observed.tried());
        if (pool.isEmpty()) {
            return new Decision.Stop(CandidatePool.exhausted());
        }
        double[][] encoded = observed.encodeCandidates(pool);
        double[][][] predictions = new double[m][][];
        for (int k = 0; k < m; k++) {
            predictions[k] = models[k].predict(encoded);
        }
        int choice = 0;
        double top = Double.NEGATIVE_INFINITY;
        double[] mean = new double[m];
        double[] sd = new double[m];
        for (int i = 0; i < pool.size(); i++) {
            for (int k = 0; k < m; k++) {
                mean[k] = scale.apply(k, predictions[k][i][0]);
                sd[k] = scale.applyToSpread(k, predictions[k][i][1]);
            }
            double value = improvement.expected(mean, sd);
            if (value > top) {
                top = value;
                choice = i;
            }
        }
        return new Decision.Start(pool.get(choice), study.spec().fullEpochs(),
                Map.of(ACQUISITION, Double.toString(top)));
    }

    /** The candidates of the completed trials on the front, highest reward first, at most {@value #ANCHORS}. */
    private static List<Candidate> anchors(ObjectiveSpec objective, List<Trial> finished, double[][] vectors) {
        List<double[]> completed = Arrays.stream(vectors).filter(Objects::nonNull).toList();
        Comparator<Integer> byReward = Comparator.comparingDouble(
                i -> -Reward.of(objective, finished.get(i).evaluation().orElseThrow().scores()));
        return IntStream.range(0, finished.size())
                .filter(i -> vectors[i] != null && !HypervolumeImprovement.dominated(vectors[i], completed))
                .boxed().sorted(byReward.thenComparing(i -> i))
                .limit(ANCHORS).map(i -> finished.get(i).candidate()).toList();
    }

    /** Each objective mapped linearly so that the completed trials' lowest value is 0 and their highest 1. */
    private static final class Normalisation {

        private final double[] low;
        private final double[] range;

        private Normalisation(double[] low, double[] range) {
            this.low = low;
            this.range = range;
        }

        static Normalisation of(double[][] vectors, int m) {
            double[] low = new double[m];
            double[] range = new double[m];
            for (int k = 0; k < m; k++) {
                int objective = k;
                double[] values = Arrays.stream(vectors).filter(Objects::nonNull).mapToDouble(v -> v[objective])
                        .toArray();
                low[k] = Arrays.stream(values).min().orElseThrow();
                double spread = Arrays.stream(values).max().orElseThrow() - low[k];
                range[k] = spread > 0 ? spread : 1;
            }
            return new Normalisation(low, range);
        }

        double apply(int k, double value) {
            return (value - low[k]) / range[k];
        }

        double applyToSpread(int k, double sd) {
            return sd / range[k];
        }

        double[] apply(double[] vector) {
            return IntStream.range(0, vector.length).mapToDouble(k -> apply(k, vector[k])).toArray();
        }
    }
}
