/**
 * The composition root: where the ports of search-core meet their implementations (DL4J training, measured
 * latency in a child process, H2 storage) behind the {@code nas} command line.
 */
package dev.nas.runs;
