package dev.nas.core.trial;

/** Where a latency figure came from. */
public enum LatencySource {
    /** Timed on this machine. */
    MEASURED,
    /** Summed from a per-layer lookup table. */
    LOOKUP_TABLE,
    /** Predicted by a learned model. */
    PREDICTOR,
    /** None: looked up in a tabular benchmark that has no latencies. */
    NONE
}
