package dev.nas.core.trial;

/**
 * What one epoch of training produced: multi-fidelity and early-stopping controllers compare trials epoch by epoch.
 *
 * @param epoch              1-based epoch number, counted across a trial's parents: a trial continuing from weights
 *                           trained 3 epochs records epochs 4, 5, ...
 * @param trainLoss          mean training loss over the epoch's batches
 * @param validationAccuracy accuracy on the held-out validation split after the epoch, in [0, 1]
 * @param seconds            wall time of the epoch, training and validation
 */
public record EpochRecord(int epoch, double trainLoss, double validationAccuracy, double seconds) {
}
