/**
 * Learned latency predictors: architecture features ({@link dev.nas.latency.predictor.Features}: per-block choices,
 * costs and lookup-table sums) regressed on measured latency with Smile's gradient boosting or random forest,
 * whichever cross-validates better ({@link dev.nas.latency.predictor.PredictorTraining}), and saved per device and
 * space ({@link dev.nas.latency.predictor.LatencyPredictor}); few-shot predictors for a new device that transfer from
 * other devices' predictors ({@link dev.nas.latency.predictor.Transfer},
 * {@link dev.nas.latency.predictor.TransferTraining}).
 */
package dev.nas.latency.predictor;
