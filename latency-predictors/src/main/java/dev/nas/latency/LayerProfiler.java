package dev.nas.latency;

import dev.nas.space.plan.LayerSpec;

/**
 * Times one planned layer alone at batch 1, as a lookup table needs it: in this process ({@link MeasuredLatency},
 * inside the latency worker) or through the worker from the search process.
 */
public interface LayerProfiler {

    Timing profile(LayerSpec layer);
}
