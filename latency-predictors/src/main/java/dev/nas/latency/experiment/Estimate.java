package dev.nas.latency.experiment;

import dev.nas.latency.PredictionReport;

/**
 * How one way of estimating latency did against measurements.
 *
 * @param source what estimated, in words ({@code lookup table}, {@code predictor (gbm)})
 */
public record Estimate(String source, PredictionReport report) {
}
