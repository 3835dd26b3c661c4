package dev.nas.core.trial;

/** What an {@link Evaluator} returns: the candidate trained, or it failed and why. */
public sealed interface TrainingResult permits Trained, Failed {
}
