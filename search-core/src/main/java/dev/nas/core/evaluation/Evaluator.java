package dev.nas.core.evaluation;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.TrainingResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains candidates. Implementations report each epoch as it ends, numbered from
 * {@link TrainingRequest#firstEpoch()}, and return failures as {@link Failed}. A request with a parent continues
 * from the weights the parent trial ended with, so an evaluator keeps each trial's trained weights, by trial number,
 * for as long as a controller may name it as a parent.
 *
 * <p>Training is resumable: before an epoch is reported, its weights are kept under the trial's number, so a request
 * with epochs {@linkplain TrainingRequest#done() done} (by an attempt that was interrupted) continues after the last
 * of them. {@code stop} is asked often (between batches); once it answers true, training returns {@link Stopped}
 * with the epochs completed.
 */
public interface Evaluator {

    TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch, BooleanSupplier stop);

    /** The trial failed: no trial will continue from it, so whatever was kept of it can go. */
    default void discard(int trial) {
    }
}
