package dev.nas.core.scoring;

import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The area of the accuracy-latency plane that a set of trials dominates, from accuracy 0 up and from a reference
 * latency down: one number for how good a whole front is, which grows whenever the front improves anywhere.
 * Jenetics and Commons Math have no hypervolume; in two dimensions it is one sweep over the trials by latency.
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /** Dominated area in accuracy x milliseconds; trials at or beyond {@code referenceLatencyMs} add nothing. */
    public static double of(Collection<Trial> trials, double referenceLatencyMs) {
        return ofScores(trials.stream().flatMap(t -> t.evaluation().stream()).map(Evaluation::scores).toList(),
                referenceLatencyMs);
    }

    /** Dominated area of these points, as {@link #of}: for a front known without trials, such as a whole table's. */
    public static double ofScores(Collection<Scores> scores, double referenceLatencyMs) {
        List<Scores> byLatency = scores.stream().sorted(Comparator.comparingDouble(Scores::latencyMs)
                .thenComparingDouble(s -> -s.accuracy())).toList();
        double volume = 0;
        double accuracyBelow = 0;
        for (Scores s : byLatency) {
            if (s.latencyMs() < referenceLatencyMs && s.accuracy() > accuracyBelow) {
                volume += (referenceLatencyMs - s.latencyMs()) * (s.accuracy() - accuracyBelow);
                accuracyBelow = s.accuracy();
            }
        }
        return volume;
    }
}
