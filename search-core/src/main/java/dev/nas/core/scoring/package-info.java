/**
 * Turning objective vectors into decisions: MnasNet's scalar {@link dev.nas.core.scoring.Reward} and the Pareto
 * {@link dev.nas.core.scoring.Front} of accuracy against latency (and optionally parameters), the latter on
 * Jenetics' non-dominated sorting.
 */
package dev.nas.core.scoring;
