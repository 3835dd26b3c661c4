package dev.nas.latency;

import dev.nas.space.Candidate;

/** A candidate's network and its latency measured whole on a device: what predictors are fitted to and judged by. */
public record MeasuredNetwork(Candidate candidate, double latencyMs) {

    public MeasuredNetwork {
        if (!(latencyMs > 0) || !Double.isFinite(latencyMs)) {
            throw new IllegalArgumentException("a measured latency must be positive, got " + latencyMs + " ms");
        }
    }
}
