package dev.nas.runs.report;

import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Choice;
import dev.nas.space.Dimension;
import dev.nas.space.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RandomForest;

/**
 * Which searched choices move accuracy and latency, from the study's full-fidelity trials: for every searched
 * dimension, its mean absolute SHAP value (Lundberg and Lee 2017) in a Smile random forest fitted to accuracy and in
 * one fitted to latency, which is how far, on average, that choice alone moves the prediction (in accuracy points
 * and in milliseconds); and, for every value it took, the mean and standard deviation of both. The forests need
 * {@link #MIN_TRIALS} trials; the means are given whatever the count.
 *
 * A value no trial took has a group of none, with NaN statistics.
 *
 * @param effects one per searched dimension, the largest effect on accuracy first when the forests were fitted
 * @param trials  the trials they are computed from
 * @param timed   whether the trials have latencies (a table without any gives none); if not, only accuracy counts
 */
record ChoiceEffects(List<Effect> effects, int trials, boolean timed) {

    static final int MIN_TRIALS = 10;
    private static final int TREES = 200;

    /** One dimension: its SHAP effects (empty below {@link #MIN_TRIALS} trials) and its values' statistics. */
    record Effect(String dimension, OptionalDouble accuracyPoints, OptionalDouble latencyMs, List<Group> groups) {
    }

    /** The trials whose candidates took one value (or, for a range, a quarter of the values taken). */
    record Group(String value, int trials, double accuracyMean, double accuracySd, double latencyMean,
                 double latencySd) {
    }

    static ChoiceEffects of(StudySpec spec, List<Trial> all, long seed) {
        List<Trial> trials = spec.fullFidelity(all);
        CandidateCodec codec = spec.space().codec();
        List<Dimension<?>> dimensions = codec.dimensions();
        double[][] x = trials.stream().map(t -> codec.encode(t.candidate())).toArray(double[][]::new);
        double[] accuracy = trials.stream().mapToDouble(t -> evaluation(t).accuracy() * 100).toArray();
        double[] latency = trials.stream().mapToDouble(t -> evaluation(t).latency().medianMs()).toArray();
        boolean fit = trials.size() >= MIN_TRIALS && !dimensions.isEmpty();
        boolean timed = spec.objective().hasLatency();
        double[] accuracyShap = fit ? meanAbsoluteShap(x, accuracy, seed) : null;
        double[] latencyShap = fit && timed ? meanAbsoluteShap(x, latency, seed) : null;
        List<Effect> effects = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            effects.add(new Effect(dimensions.get(d).name(),
                    fit ? OptionalDouble.of(accuracyShap[d]) : OptionalDouble.empty(),
                    fit && timed ? OptionalDouble.of(latencyShap[d]) : OptionalDouble.empty(),
                    groups(dimensions.get(d), d, trials, codec)));
        }
        if (fit) {
            effects.sort(Comparator.comparingDouble((Effect e) -> -e.accuracyPoints().getAsDouble()));
        }
        return new ChoiceEffects(effects, trials.size(), timed);
    }

    boolean fitted() {
        return effects.stream().anyMatch(e -> e.accuracyPoints().isPresent());
    }

    /**
     * Mean |SHAP| per feature of a forest fitted to {@code y}. Smile's own {@code shap(DataFrame)} averages the
     * signed values, which cancel out over the training data, so the absolute values are averaged here. The
     * coordinates are the codec's: a choice's option index, a range's position on its scale.
     */
    private static double[] meanAbsoluteShap(double[][] x, double[] y, long seed) {
        int p = x[0].length;
        String[] names = IntStream.rangeClosed(0, p).mapToObj(i -> i == p ? "y" : "x" + i).toArray(String[]::new);
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = Arrays.copyOf(x[i], p + 1);
            rows[i][p] = y[i];
        }
        DataFrame data = DataFrame.of(rows, names);
        int nodeSize = 3;
        // Smile grows the trees in a parallel stream, seeding each tree's thread-local generator: in a pool of one
        // thread the same seed gives the same forest, and so the same report.
        ForkJoinPool one = new ForkJoinPool(1);
        RandomForest forest;
        try {
            forest = one.submit(() -> RandomForest.fit(Formula.lhs("y"), data, TREES, Math.max(1, p / 3), 20,
                    Math.max(2, x.length / nodeSize), nodeSize, 1.0, LongStream.range(seed, seed + TREES))).join();
        } finally {
            one.shutdown();
        }
        double[] mean = new double[p];
        for (int i = 0; i < x.length; i++) {
            double[] phi = forest.shap(data.get(i));
            for (int j = 0; j < p; j++) {
                mean[j] += Math.abs(phi[j]) / x.length;
            }
        }
        return mean;
    }

    /** The trials by the value they took: each option of a choice, or the quarters of a range's values. */
    private static List<Group> groups(Dimension<?> dimension, int index, List<Trial> trials, CandidateCodec codec) {
        Domain<?> domain = dimension.domain();
        Map<String, List<Trial>> byValue = new LinkedHashMap<>();
        if (domain instanceof Choice<?> choice) {
            choice.options().forEach(o -> byValue.put(Dimension.format(o), new ArrayList<>()));
            for (Trial t : trials) {
                byValue.get(codec.cells(t.candidate()).get(index)).add(t);
            }
        } else {
            List<Trial> sorted = trials.stream()
                    .sorted(Comparator.comparingDouble(t -> codec.encode(t.candidate())[index])).toList();
            int parts = Math.min(4, sorted.size());
            for (int q = 0; q < parts; q++) {
                List<Trial> part = sorted.subList(q * sorted.size() / parts, (q + 1) * sorted.size() / parts);
                String low = codec.cells(part.get(0).candidate()).get(index);
                String high = codec.cells(part.get(part.size() - 1).candidate()).get(index);
                byValue.merge(low.equals(high) ? low : low + " to " + high, new ArrayList<>(part), (a, b) -> {
                    a.addAll(b);
                    return a;
                });
            }
        }
        List<Group> groups = new ArrayList<>();
        byValue.forEach((value, members) -> groups.add(new Group(value, members.size(),
                mean(members, t -> evaluation(t).accuracy()), sd(members, t -> evaluation(t).accuracy()),
                mean(members, t -> evaluation(t).latency().medianMs()),
                sd(members, t -> evaluation(t).latency().medianMs()))));
        return groups;
    }

    private static double mean(List<Trial> trials, ToDoubleFunction<Trial> value) {
        return stats(trials, value).getMean();
    }

    private static double sd(List<Trial> trials, ToDoubleFunction<Trial> value) {
        return stats(trials, value).getStandardDeviation();
    }

    private static SummaryStatistics stats(List<Trial> trials, ToDoubleFunction<Trial> value) {
        SummaryStatistics stats = new SummaryStatistics();
        trials.forEach(t -> stats.addValue(value.applyAsDouble(t)));
        return stats;
    }

    private static Evaluation evaluation(Trial trial) {
        return trial.evaluation().orElseThrow();
    }
}
