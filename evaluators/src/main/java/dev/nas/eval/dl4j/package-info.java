/**
 * Deeplearning4j, and only here: a candidate's {@link dev.nas.space.plan.NetworkPlan} built as a
 * {@code ComputationGraph} ({@link dev.nas.eval.dl4j.NetworkBuilder}), trained ({@link
 * dev.nas.eval.dl4j.Dl4jEvaluator}) and run for latency measurement ({@link dev.nas.eval.dl4j.Dl4jInferenceProbe}).
 */
package dev.nas.eval.dl4j;
