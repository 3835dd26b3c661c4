package dev.nas.eval.table;

import dev.nas.space.Candidate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a tabular benchmark knows of one candidate: validation accuracy after each epoch of one training run, and
 * optionally its latency, parameters and multiply-accumulates.
 */
public record TableRow(Candidate candidate, List<Double> accuracyByEpoch, OptionalDouble latencyMs,
                       OptionalLong params, OptionalLong flops) {

    public TableRow {
        accuracyByEpoch = List.copyOf(accuracyByEpoch);
        if (accuracyByEpoch.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least the final accuracy");
        }
    }

    /** Accuracy after the last epoch the table has. */
    public double accuracy() {
        return accuracyByEpoch.get(accuracyByEpoch.size() - 1);
    }
}
