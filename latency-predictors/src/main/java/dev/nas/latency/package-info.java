/**
 * A candidate's batch-1 inference latency. Measured: {@link dev.nas.latency.MeasuredLatency} times a network through
 * the core's {@code InferenceProbe} port with a {@link dev.nas.latency.TimingProtocol} (warm-up, median of repeated
 * runs, spread, a repeat when the spread is too wide). Lookup tables and learned predictors implement the same
 * {@code LatencyModel} port.
 */
package dev.nas.latency;
