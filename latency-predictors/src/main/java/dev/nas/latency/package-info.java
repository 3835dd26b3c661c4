/**
 * A candidate's batch-1 inference latency. Measured: {@link dev.nas.latency.MeasuredLatency} times a network, or one
 * layer of it, through the core's {@code InferenceProbe} port with a {@link dev.nas.latency.TimingProtocol}
 * (warm-up, median of repeated runs, spread, a repeat when the spread is too wide). Predicted: from a per-layer
 * lookup table ({@code lut}) or a learned model ({@code predictor}) of a device ({@code device}), as an
 * {@link dev.nas.latency.EstimatedLatency} implementing the same {@code LatencyModel} port;
 * {@link dev.nas.latency.PredictionReport} says how well estimates do.
 */
package dev.nas.latency;
