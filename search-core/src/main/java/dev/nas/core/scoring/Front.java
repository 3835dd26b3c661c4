package dev.nas.core.scoring;

import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.ObjectiveSpec;
import io.jenetics.ext.moea.Pareto;
import io.jenetics.util.ISeq;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto front of completed trials over the study's objectives (accuracy up, latency down, optionally
 * parameters down). Trials with equal objective vectors are all on the front when one of them is.
 */
public final class Front {

    private Front() {
    }

    /** The non-dominated completed trials, ordered by latency. */
    public static List<Trial> of(ObjectiveSpec spec, Collection<Trial> trials) {
        ISeq<Trial> completed = trials.stream().filter(t -> t.evaluation().isPresent()).collect(ISeq.toISeq());
        Comparator<Trial> dominance = (a, b) -> Pareto.dominance(maximised(spec, a), maximised(spec, b));
        return Pareto.front(completed, dominance).stream()
                .sorted(Comparator.comparingDouble((Trial t) -> scores(t).latencyMs())
                        .thenComparingInt(Trial::number))
                .toList();
    }

    /** The objective vector with every objective turned into one to maximise, as Jenetics' dominance expects. */
    private static double[] maximised(ObjectiveSpec spec, Trial trial) {
        Scores scores = scores(trial);
        return spec.pareto().stream()
                .mapToDouble(o -> o.maximize() ? scores.value(o) : -scores.value(o))
                .toArray();
    }

    private static Scores scores(Trial trial) {
        return trial.evaluation().orElseThrow().scores();
    }
}
