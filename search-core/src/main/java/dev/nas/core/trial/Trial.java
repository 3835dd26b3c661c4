package dev.nas.core.trial;

import dev.nas.space.Candidate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One candidate's turn in a study, as a snapshot: running while it has no outcome, then finished for good.
 *
 * @param number     0-based, in the order trials were asked for; below 0 for a trial of an earlier study that this
 *                   one was warm-started with (see {@code dev.nas.core.study.WarmStart})
 * @param seed       the trial's own seed, derived from the study seed and the number
 * @param parent     the trial whose trained weights it starts from, if any
 * @param epochs     the epochs it was asked to train, on top of its parent's
 * @param attributes what its controller needs to remember about it (for example a grid index); strings only,
 *                   so every storage can keep them
 */
public record Trial(int number, Candidate candidate, long seed, Optional<Parent> parent, int epochs,
                    Map<String, String> attributes, Instant started, Optional<Outcome> outcome,
                    Optional<Instant> finished) {

    public Trial {
        attributes = Map.copyOf(attributes);
        if (outcome.isPresent() != finished.isPresent()) {
            throw new IllegalArgumentException("a trial has an outcome exactly when it has finished");
        }
    }

    /** A trial trained from a fresh initialisation. */
    public static Trial start(int number, Candidate candidate, long seed, int epochs, Map<String, String> attributes,
                              Instant now) {
        return start(number, candidate, seed, Optional.empty(), epochs, attributes, now);
    }

    public static Trial start(int number, Candidate candidate, long seed, Optional<Parent> parent, int epochs,
                              Map<String, String> attributes, Instant now) {
        return new Trial(number, candidate, seed, parent, epochs, attributes, now, Optional.empty(),
                Optional.empty());
    }

    public Trial finish(Outcome result, Instant now) {
        if (outcome.isPresent()) {
            throw new IllegalStateException("trial " + number + " has already finished");
        }
        return new Trial(number, candidate, seed, parent, epochs, attributes, started, Optional.of(result),
                Optional.of(now));
    }

    /** Whether this is a warm-start trial: another study's result, known to this one's controller, not its own. */
    public boolean warmStart() {
        return number < 0;
    }

    public TrialState state() {
        if (outcome.isEmpty()) {
            return TrialState.RUNNING;
        }
        return outcome.get() instanceof Completed ? TrialState.COMPLETE
                : outcome.get() instanceof Pruned ? TrialState.PRUNED : TrialState.FAILED;
    }

    /** Why a failed or pruned trial ended early; empty for a running or completed one. */
    public Optional<String> reason() {
        return outcome.flatMap(o -> o instanceof Failed failed ? Optional.of(failed.reason())
                : o instanceof Pruned pruned ? Optional.of(pruned.reason()) : Optional.empty());
    }

    /** The evaluation of a completed trial. */
    public Optional<Evaluation> evaluation() {
        return outcome.filter(Completed.class::isInstance).map(o -> ((Completed) o).evaluation());
    }

    /** Epochs this trial trains: what it was asked for while running, what it really did once finished. */
    public int epochsSpent() {
        return outcome.map(o -> o.epochs().size()).orElse(epochs);
    }

    /** Epochs its weights have had in all, its parent's included: the fidelity its scores were measured at. */
    public int fidelity() {
        return parent.map(Parent::epochs).orElse(0) + epochsSpent();
    }
}
