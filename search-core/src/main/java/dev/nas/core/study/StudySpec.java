package dev.nas.core.study;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.trial.Trial;
import dev.nas.space.Epochs;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that defines a study, stored with it so that it can be resumed and compared.
 *
 * @param spaceYaml  the space file's text, kept verbatim
 * @param spaceOrigin where the space was read from, for messages
 * @param controller the search controller with its parameters, e.g. {@code asha (eta 3)}
 * @param budget     full-fidelity training equivalents: epochs spent over all trials divided by {@code epochs.max()}
 * @param epochs     training epochs per candidate (the space's, unless overridden on the command line)
 */
public record StudySpec(String name, SearchSpace space, String spaceYaml, String spaceOrigin, ControllerSpec controller,
                        long seed, double budget, Epochs epochs, DataRef data) {

    public StudySpec {
        if (!(budget > 0) || !Double.isFinite(budget)) {
            throw new IllegalArgumentException("budget must be positive, got " + budget);
        }
    }

    /**
     * What differs between this study and {@code other}, one line per setting ("seed: 1 vs 2"), budget aside: a
     * study can be continued with a different budget, not with a different space, controller, seed, epochs or data.
     */
    public List<String> differences(StudySpec other) {
        List<String> differences = new ArrayList<>();
        if (!spaceYaml.equals(other.spaceYaml)) {
            differences.add("space: the YAML of " + spaceOrigin + " vs that of " + other.spaceOrigin);
        }
        compare(differences, "controller", controller.describe(), other.controller.describe(),
                !controller.equals(other.controller));
        compare(differences, "seed", seed, other.seed, seed != other.seed);
        compare(differences, "epochs", epochs, other.epochs, !epochs.equals(other.epochs));
        compare(differences, "data", data, other.data, !data.equals(other.data));
        return differences;
    }

    private static void compare(List<String> differences, String what, Object mine, Object theirs, boolean differ) {
        if (differ) {
            differences.add(what + ": " + mine + " vs " + theirs);
        }
    }

    /** This study with another budget. */
    public StudySpec withBudget(double newBudget) {
        return new StudySpec(name, space, spaceYaml, spaceOrigin, controller, seed, newBudget, epochs, data);
    }

    /** Budget these trials spent: their epochs in full trainings; running trials count what they were asked for. */
    public double spent(List<Trial> trials) {
        return trials.stream().mapToInt(Trial::epochsSpent).sum() / (double) fullEpochs();
    }

    /** Epochs of one full-fidelity training: the unit of the budget. */
    public int fullEpochs() {
        return epochs.max();
    }

    /**
     * The trials whose scores count: completed at full fidelity. A trial stopped at a lower rung of successive
     * halving, or continued by another trial, was measured before its training ended and would flatter the front.
     */
    public List<Trial> fullFidelity(List<Trial> trials) {
        return trials.stream().filter(t -> t.evaluation().isPresent() && t.fidelity() >= fullEpochs()).toList();
    }

    /**
     * What the study optimises: the space's objective, without latency if its candidates have none (a tabular
     * benchmark without latencies).
     */
    public ObjectiveSpec objective() {
        return data instanceof DataRef.Table table && !table.timed() ? space.objective().withoutLatency()
                : space.objective();
    }

    /** The Pareto front of the trials trained to full fidelity, ordered by latency (or accuracy, without). */
    public List<Trial> front(List<Trial> trials) {
        return Front.of(objective(), fullFidelity(trials));
    }

    /** The full-fidelity trial with the highest reward. */
    public Optional<Trial> best(List<Trial> trials) {
        return Reward.best(objective(), fullFidelity(trials));
    }
}
