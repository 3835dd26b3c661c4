package dev.nas.core.evaluation;

import dev.nas.core.trial.Latency;
import dev.nas.space.Candidate;
import java.util.Optional;

/** Gives a candidate's batch-1 inference latency: measured on this machine, or predicted for a target device. */
public interface LatencyModel extends AutoCloseable {

    Latency latency(Candidate candidate);

    /** The candidate's latency in a second engine, where the search times candidates in two to compare them. */
    default Optional<Latency> compared(Candidate candidate) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
