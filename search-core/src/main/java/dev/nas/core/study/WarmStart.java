package dev.nas.core.study;

import dev.nas.core.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a study is warm-started with: the completed trials of an earlier study of the same space, or rows of a tabular
 * benchmark, which its controller knows before its own first trial (as Optuna's {@code add_trials} gives a sampler
 * another study's trials). They are not the study's own: numbered -n to -1, oldest first, not counted in its budget,
 * never on its front or its best, and never a parent, since their trained weights are not in the study. They are
 * kept with the study when it is made and never change, so a resumed search and every worker know the same.
 *
 * <pre>{@code
 * WarmStart warm = WarmStart.of("/studies/old.mv.db", old.fullFidelity(trials), t -> "trial " + t.number());
 * location.create(spec, runOptions, Optional.of(warm));
 * }</pre>
 *
 * @param source the source as it is named and compared: a study file, a server study's URL, {@code table:CSV}
 */
public record WarmStart(String source, List<Trial> trials) {

    /** The attribute of a warm-start trial that says where in its source it came from: {@code trial 17}. */
    public static final String FROM = "warm_start.from";

    public WarmStart {
        trials = List.copyOf(trials);
        if (source.isBlank()) {
            throw new IllegalArgumentException("a warm start names its source");
        }
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (t.number() != i - trials.size() || t.evaluation().isEmpty() || t.parent().isPresent()
                    || !t.attributes().containsKey(FROM)) {
                throw new IllegalArgumentException("warm-start trials are completed, without parents, say where they "
                        + "came from, and are numbered -" + trials.size() + " to -1 in order; trial " + i + " of "
                        + trials.size() + " is #" + t.number() + " " + t.state() + " " + t.attributes());
            }
        }
    }

    /**
     * The warm start of the completed trials {@code completed}, in their order: renumbered -n to -1, without parents
     * and without what their controller remembered (it was another study's), each with {@code from} it.
     */
    public static WarmStart of(String source, List<Trial> completed, Function<Trial, String> from) {
        List<Trial> warm = new ArrayList<>();
        for (int i = 0; i < completed.size(); i++) {
            Trial t = completed.get(i);
            warm.add(new Trial(i - completed.size(), t.candidate(), t.seed(), Optional.empty(), t.epochsSpent(),
                    Map.of(FROM, from.apply(t)), t.started(), t.outcome(), t.finished()));
        }
        return new WarmStart(source, warm);
    }
}
