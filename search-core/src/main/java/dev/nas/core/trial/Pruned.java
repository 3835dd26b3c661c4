package dev.nas.core.trial;

import java.util.List;

/**
 * A trial ended early because its learning curve fell behind the study's (see
 * {@link dev.nas.core.search.Pruner}): its epochs are kept and counted in the budget, it has no final scores and is
 * not on the front, and it is no failure of the search's.
 */
public record Pruned(String reason, List<EpochRecord> epochs) implements Outcome {

    public Pruned {
        epochs = List.copyOf(epochs);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a pruned trial needs a reason");
        }
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a trial is pruned after an epoch, not before its first");
        }
    }
}
