package dev.nas.core.evaluation;

import dev.nas.core.trial.Latency;
import dev.nas.space.Candidate;

/** Gives a candidate's batch-1 inference latency: measured on this machine, or predicted for a target device. */
public interface LatencyModel extends AutoCloseable {

    Latency latency(Candidate candidate);

    @Override
    default void close() {
    }
}
