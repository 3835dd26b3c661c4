package dev.nas.core.scoring;

import dev.nas.core.trial.Evaluation;
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
        List<Evaluation> byLatency = trials.stream().flatMap(t -> t.evaluation().stream())
                .sorted(Comparator.comparingDouble((Evaluation e) -> e.latency().medianMs())
                        .thenComparingDouble(e -> -e.accuracy()))
                .toList();
        double volume = 0;
        double accuracyBelow = 0;
        for (Evaluation e : byLatency) {
            double latency = e.latency().medianMs();
            if (latency < referenceLatencyMs && e.accuracy() > accuracyBelow) {
                volume += (referenceLatencyMs - latency) * (e.accuracy() - accuracyBelow);
                accuracyBelow = e.accuracy();
            }
        }
        return volume;
    }
}
