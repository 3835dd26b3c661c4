package dev.nas.core.controller;

import dev.nas.space.Candidate;
import java.util.Map;

/** A controller's answer: train this candidate, or stop. */
public sealed interface Decision permits Decision.Start, Decision.Stop {

    /**
     * Train {@code candidate} for {@code epochs} epochs as a new trial.
     *
     * @param attributes what the controller wants remembered with the trial
     */
    record Start(Candidate candidate, int epochs, Map<String, String> attributes) implements Decision {

        public Start {
            attributes = Map.copyOf(attributes);
        }
    }

    /** Nothing left worth trying, with the reason. */
    record Stop(String reason) implements Decision {
    }
}
