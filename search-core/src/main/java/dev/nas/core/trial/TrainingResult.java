package dev.nas.core.trial;

/** What an {@link Evaluator} returns: the candidate trained, it failed and why, or it stopped when asked to. */
public sealed interface TrainingResult permits Trained, Failed, Stopped {
}
