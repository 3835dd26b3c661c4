package dev.nas.core.trial;

import java.util.List;

/** Stopped early by a controller because it was not promising; the epochs it trained are kept. */
public record Pruned(List<EpochRecord> epochs) implements Outcome {

    public Pruned {
        epochs = List.copyOf(epochs);
    }
}
