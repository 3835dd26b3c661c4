package dev.nas.core.study;

import dev.nas.core.trial.Parent;
import dev.nas.space.Candidate;
import java.util.Map;
import java.util.Optional;

/** A controller's answer: train this candidate, or stop. */
public sealed interface Decision permits Decision.Start, Decision.Stop {

    /**
     * The attribute by which a {@link Start} asks that its candidate start from another trial's trained weights
     * wherever its layers have their shapes: the number of that trial. Unlike a {@link Parent}, whose weights a trial
     * continues exactly, this is a head start for a different network, and the trial trains all its epochs.
     */
    String INHERIT_FROM = "inherit.from";

    /**
     * Train {@code candidate} for {@code epochs} epochs as a new trial, from fresh weights or from a parent's.
     *
     * @param attributes what the controller wants remembered with the trial
     */
    record Start(Candidate candidate, int epochs, Map<String, String> attributes, Optional<Parent> parent)
            implements Decision {

        public Start {
            attributes = Map.copyOf(attributes);
        }

        /** Train from a fresh initialisation. */
        public Start(Candidate candidate, int epochs, Map<String, String> attributes) {
            this(candidate, epochs, attributes, Optional.empty());
        }
    }

    /** Nothing left worth trying, with the reason. */
    record Stop(String reason) implements Decision {
    }
}
