package dev.nas.core.evaluation;

import dev.nas.core.trial.Parent;
import dev.nas.space.Candidate;
import java.util.Optional;

/**
 * Train {@code candidate} for {@code epochs} epochs, from a fresh initialisation or from the weights {@code parent}
 * left. {@code seed} fixes weight initialisation and batch order, so a trial's result does not depend on what ran
 * before it.
 */
public record TrainingRequest(int trial, Candidate candidate, Optional<Parent> parent, int epochs, long seed) {

    public TrainingRequest {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
    }

    /** Train from a fresh initialisation. */
    public TrainingRequest(int trial, Candidate candidate, int epochs, long seed) {
        this(trial, candidate, Optional.empty(), epochs, seed);
    }

    /** The number of the first epoch this training records: 1, or one after the parent's last. */
    public int firstEpoch() {
        return parent.map(Parent::epochs).orElse(0) + 1;
    }
}
