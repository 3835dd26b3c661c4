package dev.nas.core.trial;

import java.util.List;

/**
 * A candidate that could not be trained or timed (diverged, threw, ran out of memory); the epochs it completed are
 * kept. Both a training result and a trial's outcome: a failure is recorded, and the search goes on.
 */
public record Failed(String reason, List<EpochRecord> epochs) implements TrainingResult, Outcome {

    public Failed {
        epochs = List.copyOf(epochs);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failure needs a reason");
        }
    }
}
