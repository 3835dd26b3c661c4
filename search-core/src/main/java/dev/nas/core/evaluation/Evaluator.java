package dev.nas.core.evaluation;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.TrainingResult;
import java.util.function.Consumer;

/**
 * Trains candidates. Implementations report each epoch as it ends, numbered from
 * {@link TrainingRequest#firstEpoch()}, and return failures as {@link Failed}. A request with a parent continues
 * from the weights the parent trial ended with, so an evaluator keeps each trial's trained weights, by trial number,
 * for as long as a controller may name it as a parent.
 */
public interface Evaluator {

    TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch);
}
