package dev.nas.core.trial;

import java.util.List;

/**
 * Training that stopped early because it was asked to (the search is shutting down, or the trial ran out of time),
 * with the epochs it completed. The weights of the last of them are in the trial's checkpoint, so the trial can be
 * continued from there.
 */
public record Stopped(List<EpochRecord> epochs) implements TrainingResult {

    public Stopped {
        epochs = List.copyOf(epochs);
    }
}
