package dev.nas.eval.table;

import dev.nas.space.Candidate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * What a tabular benchmark knows of one candidate: validation accuracy after each epoch of one or more training runs
 * (several when the table records the noise of training), and optionally its latency, parameters and
 * multiply-accumulates.
 *
 * @param columns the values of the columns the space's objectives name ({@link dev.nas.space.Objective.Column}),
 *                by column name
 */
public record TableRow(Candidate candidate, List<List<Double>> runs, OptionalDouble latencyMs,
                       OptionalLong params, OptionalLong flops, Map<String, Double> columns) {

    public TableRow {
        runs = runs.stream().map(List::copyOf).toList();
        columns = Map.copyOf(columns);
        if (runs.isEmpty() || runs.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a row needs at least one run with at least the final accuracy");
        }
        if (runs.stream().map(List::size).distinct().count() > 1) {
            throw new IllegalArgumentException("every run of a row needs the same epochs");
        }
    }

    /** A row without objective columns. */
    public TableRow(Candidate candidate, List<List<Double>> runs, OptionalDouble latencyMs, OptionalLong params,
                    OptionalLong flops) {
        this(candidate, runs, latencyMs, params, flops, Map.of());
    }

    /** A row of one training run, as {@code nas table} makes them. */
    public static TableRow ofOneRun(Candidate candidate, List<Double> accuracyByEpoch, OptionalDouble latencyMs,
                                    OptionalLong params, OptionalLong flops) {
        return new TableRow(candidate, List.of(accuracyByEpoch), latencyMs, params, flops);
    }

    /** The first run's accuracy after each epoch: the only run of most tables. */
    public List<Double> accuracyByEpoch() {
        return runs.get(0);
    }

    /** Accuracy after the last epoch the table has, in the first run. */
    public double accuracy() {
        return accuracyByEpoch().get(accuracyByEpoch().size() - 1);
    }

    /**
     * The run a training with {@code seed} gets: the same seed always draws the same run, so a trial's result does
     * not depend on what ran before it, while trials with other seeds see other runs, as retraining would.
     */
    public List<Double> run(long seed) {
        return runs.size() == 1 ? runs.get(0) : runs.get(new SplittableRandom(seed).nextInt(runs.size()));
    }
}
