/**
 * Measured latency in a child JVM: batch-1 latency with two OpenMP threads is bimodal on these machines and
 * ND4J's thread count cannot change once its native library has loaded, so the search process trains with every
 * core while a long-lived {@link dev.nas.runs.latency.LatencyWorker}, started with {@code OMP_NUM_THREADS=1},
 * times each candidate. {@link dev.nas.runs.latency.WorkerLatency} is the search's side of it.
 */
package dev.nas.runs.latency;
