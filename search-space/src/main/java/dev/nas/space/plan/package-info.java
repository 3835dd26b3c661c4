/**
 * A candidate expanded into the layers it builds ({@link dev.nas.space.plan.NetworkPlan}), and what they cost
 * ({@link dev.nas.space.plan.Cost}). The DL4J builder, the cost model and latency lookup tables all read the
 * same plan, so they cannot disagree about what a candidate is.
 */
package dev.nas.space.plan;
