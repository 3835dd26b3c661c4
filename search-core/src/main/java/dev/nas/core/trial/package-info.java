/**
 * A trial and what it produced: its state, its {@link dev.nas.core.trial.Outcome} (completed with an {@link
 * dev.nas.core.trial.Evaluation}, or failed with a reason), per-epoch records and latency. Immutable values;
 * a finished trial never changes.
 */
package dev.nas.core.trial;
