package dev.nas.core.scoring;

import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Pareto front of completed trials over the study's objectives, each in its direction (accuracy up, latency,
 * MACs, memory down, a table column as declared). Trials with equal objective vectors are all on the front when one
 * of them is.
 */
public final class Front {

    private Front() {
    }

    /**
     * The non-dominated completed trials, best first in the first objective traded off against accuracy (fastest
     * first, where that is latency); most accurate first where accuracy is the only objective.
     */
    public static List<Trial> of(ObjectiveSpec spec, Collection<Trial> trials) {
        ISeq<Trial> completed = trials.stream().filter(t -> t.evaluation().isPresent()).collect(ISeq.toISeq());
        Comparator<Trial> dominance = (a, b) -> Pareto.dominance(maximised(spec, scores(a)),
                maximised(spec, scores(b)));
        Objective first = spec.tradedOff().isEmpty() ? Objective.ACCURACY : spec.tradedOff().get(0);
        Comparator<Trial> order = Comparator.comparingDouble((Trial t) -> first.maximize()
                ? -scores(t).value(first) : scores(t).value(first));
        return Pareto.front(completed, dominance).stream().sorted(order.thenComparingInt(Trial::number)).toList();
    }

    /**
     * Completed trials best first by NSGA-II's order (Deb et al. 2002): non-dominated rank, then within a rank the
     * larger crowding distance (the less crowded part of the front), then trial number.
     */
    public static List<Trial> nondominatedOrder(ObjectiveSpec spec, Collection<Trial> trials) {
        List<Trial> completed = trials.stream().filter(t -> t.evaluation().isPresent()).toList();
        ISeq<Vec<double[]>> vectors = completed.stream().map(t -> Vec.of(maximised(spec, scores(t))))
                .collect(ISeq.toISeq());
        int[] rank = Pareto.rank(vectors);
        double[] crowding = new double[completed.size()];
        for (int r : IntStream.of(rank).distinct().toArray()) {
            int[] members = IntStream.range(0, rank.length).filter(i -> rank[i] == r).toArray();
            double[] distances = Pareto.crowdingDistance(
                    IntStream.of(members).mapToObj(vectors::get).collect(ISeq.toISeq()));
            for (int m = 0; m < members.length; m++) {
                crowding[members[m]] = distances[m];
            }
        }
        return IntStream.range(0, completed.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> rank[i])
                        .thenComparing(i -> -crowding[i])
                        .thenComparingInt(i -> completed.get(i).number()))
                .map(completed::get)
                .toList();
    }

    /** The objective vector with every objective turned into one to maximise, as Jenetics' dominance expects. */
    public static double[] maximised(ObjectiveSpec spec, Scores scores) {
        return spec.pareto().stream()
                .mapToDouble(o -> o.maximize() ? scores.value(o) : -scores.value(o))
                .toArray();
    }

    private static Scores scores(Trial trial) {
        return trial.evaluation().orElseThrow().scores();
    }
}
