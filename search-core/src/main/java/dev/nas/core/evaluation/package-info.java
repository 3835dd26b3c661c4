/**
 * The ports through which a study gets candidates trained and timed: {@link dev.nas.core.evaluation.Evaluator} and
 * {@link dev.nas.core.evaluation.LatencyModel}, implemented with DL4J and the latency predictors outside this module.
 * A candidate's failure crosses this seam as a value, {@link dev.nas.core.trial.Failed}, never as an exception.
 */
package dev.nas.core.evaluation;
