package dev.nas.latency.predictor;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.math.MathEx;
import smile.regression.DataFrameRegression;
import smile.regression.GradientTreeBoost;
import smile.regression.RandomForest;
import smile.regression.Regression;

/**
 * Trains a latency predictor on networks measured on a device: gradient boosting and a random forest (Smile) are
 * each cross-validated on the samples, and the one with the smaller mean absolute percentage error is fitted on
 * all of them. Seeded: the same samples and seed give the same model.
 *
 * <pre>{@code
 * PredictorTraining.Result result = PredictorTraining.train(features, measured, 5, 1, "local");
 * result.predictor().write(Path.of("devices/local/predictor.ser"));
 * }</pre>
 */
public final class PredictorTraining {

    /** Fewest networks a model is fitted on: trees of at least five samples a leaf need a few leaves' worth. */
    public static final int MIN_SAMPLES = 6;
    private static final String TARGET = "target";
    private static final int TREES = 500;

    private PredictorTraining() {
    }

    /** The regression models a predictor may be. */
    public enum Kind {
        GRADIENT_BOOSTING("gbm"),
        RANDOM_FOREST("forest");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** The chosen predictor, and the cross-validated accuracy of every candidate model (by label) that chose it. */
    public record Result(LatencyPredictor predictor, Map<String, PredictionReport> crossValidated) {
    }

    public static Result train(Features features, List<MeasuredNetwork> samples, int folds, long seed,
                               String device) {
        Map<Kind, PredictionReport> reports = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            double[] predicted = crossValidate(kind, features, samples, folds, seed);
            reports.put(kind, PredictionReport.of(measured(samples), predicted));
        }
        Kind best = reports.entrySet().stream().min(Map.Entry.comparingByValue(
                (a, b) -> Double.compare(a.mape(), b.mape()))).orElseThrow().getKey();
        Map<String, PredictionReport> byLabel = new LinkedHashMap<>();
        reports.forEach((kind, report) -> byLabel.put(kind.token(), report));
        return new Result(fit(best, features, samples, seed, device, reports.get(best)), byLabel);
    }

    /** A predictor of {@code kind} fitted on all of {@code samples}. */
    public static LatencyPredictor fit(Kind kind, Features features, List<MeasuredNetwork> samples, long seed,
                                       String device, PredictionReport crossValidated) {
        return fit(kind, features, null, samples, seed, device, crossValidated);
    }

    /**
     * A predictor of {@code kind} fitted on all of {@code samples}, learning the ratio of measured latency to
     * {@code transfer}'s where it is given (it then takes precedence over the features' lookup table).
     */
    static LatencyPredictor fit(Kind kind, Features features, Transfer transfer, List<MeasuredNetwork> samples,
                                long seed, String device, PredictionReport crossValidated) {
        if (samples.size() < MIN_SAMPLES) {
            throw new BadInput("a predictor needs at least " + MIN_SAMPLES + " measured networks, got "
                    + samples.size());
        }
        double[][] rows = new double[samples.size()][];
        int lutColumn = features.names().indexOf("lut_ms");
        Transfer.Bound transferred = transfer == null ? null : transfer.bind(features.space());
        for (int i = 0; i < rows.length; i++) {
            Candidate candidate = samples.get(i).candidate();
            double[] x = features.of(candidate);
            rows[i] = Arrays.copyOf(x, x.length + 1);
            double base = transferred != null ? transferred.latencyMs(candidate) : lutColumn >= 0 ? x[lutColumn] : 1;
            rows[i][x.length] = samples.get(i).latencyMs() / base;
        }
        List<String> names = new ArrayList<>(features.names());
        names.add(TARGET);
        DataFrame data = DataFrame.of(rows, names.toArray(String[]::new));
        Formula formula = Formula.lhs(TARGET);
        Regression<Tuple> model = switch (kind) {
            case GRADIENT_BOOSTING -> {
                // Smile draws its subsamples from a per-thread generator; seeding it here makes the fit repeatable.
                MathEx.setSeed(seed);
                yield GradientTreeBoost.fit(formula, data, Loss.ls(), TREES, 20, 6, 5, 0.05, 0.7);
            }
            case RANDOM_FOREST -> forest(formula, data, Math.max(1, features.names().size() / 3),
                    Math.max(5, samples.size() / 5), seed);
        };
        StructType schema = ((DataFrameRegression) model).schema();
        return new LatencyPredictor(device, features.space().name(), kind, model, schema, features,
                samples.stream().map(MeasuredNetwork::candidate).toList(), crossValidated, transfer);
    }

    /**
     * A forest of {@value #TREES} trees grown one at a time, each from a seed drawn from {@code seed}. Smile's own
     * seeds ({@code MathEx.seeds}) come from a generator shared by the process, and it grows a forest's trees in
     * parallel, each seeding its thread's generator, where a thread waiting on one tree's split search may grow
     * another tree meanwhile and reseed the generator under the first: the same samples and seed gave a different
     * forest after other fits had run in the process. A tree grown alone on the calling thread draws only from its
     * own seed.
     */
    private static RandomForest forest(Formula formula, DataFrame data, int mtry, int maxNodes, long seed) {
        RandomForest forest = null;
        for (long treeSeed : new SplittableRandom(seed).longs(TREES).toArray()) {
            RandomForest tree = RandomForest.fit(formula, data, 1, mtry, 20, maxNodes, 3, 1.0,
                    LongStream.of(treeSeed));
            forest = forest == null ? tree : forest.merge(tree);
        }
        return forest;
    }

    /** Each sample predicted by a model of {@code kind} fitted on the other folds. */
    public static double[] crossValidate(Kind kind, Features features, List<MeasuredNetwork> samples, int folds,
                                         long seed) {
        int[] fold = folds(samples.size(), folds, seed);
        double[] predicted = new double[samples.size()];
        for (int f = 0; f < folds; f++) {
            int held = f;
            List<MeasuredNetwork> training = IntStream.range(0, samples.size()).filter(i -> fold[i] != held)
                    .mapToObj(samples::get).toList();
            LatencyPredictor.Bound model = fit(kind, features, training, seed, "cross-validation", null)
                    .bind(features.space());
            for (int i = 0; i < samples.size(); i++) {
                if (fold[i] == held) {
                    predicted[i] = model.latencyMs(samples.get(i).candidate());
                }
            }
        }
        return predicted;
    }

    /** A seeded assignment of {@code n} samples to {@code folds} folds of (nearly) equal size. */
    public static int[] folds(int n, int folds, long seed) {
        if (folds < 2 || folds > n) {
            throw new BadInput("cross-validation needs 2 to " + n + " folds, got " + folds);
        }
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        return fold;
    }

    private static double[] measured(List<MeasuredNetwork> samples) {
        return samples.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
    }
}
