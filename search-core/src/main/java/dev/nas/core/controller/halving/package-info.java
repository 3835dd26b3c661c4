/**
 * Successive halving, Hyperband and asynchronous successive halving: multi-fidelity controllers that train many
 * candidates for few epochs and continue only the best from their checkpoints, ranked by reward or, uniquely here,
 * by non-dominated rank and crowding distance on accuracy and latency.
 */
package dev.nas.core.controller.halving;
