package dev.nas.core.trial;

import java.util.List;

/** Trained and timed: the trial counts towards the front. */
public record Completed(Evaluation evaluation) implements Outcome {

    @Override
    public List<EpochRecord> epochs() {
        return evaluation.epochs();
    }
}
