package dev.nas.core.evaluation;

import dev.nas.space.Candidate;

/**
 * Train {@code candidate} for {@code epochs} epochs. {@code seed} fixes weight initialisation and batch order, so a
 * trial's result does not depend on what ran before it.
 */
public record TrainingRequest(int trial, Candidate candidate, int epochs, long seed) {

    public TrainingRequest {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
    }
}
