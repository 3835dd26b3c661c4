package dev.nas.core.evaluation;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.TrainingResult;
import java.util.function.Consumer;

/** Trains candidates. Implementations report each epoch as it ends and return failures as {@link Failed}. */
public interface Evaluator {

    TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch);
}
