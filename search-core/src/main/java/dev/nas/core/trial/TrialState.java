package dev.nas.core.trial;

/** Where a trial is in its life. */
public enum TrialState {
    RUNNING,
    COMPLETE,
    FAILED,
    /** Ended early by a pruner: not a failure, not a result. */
    PRUNED
}
