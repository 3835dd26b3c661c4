/**
 * Tabular benchmarks: every candidate of a small space trained once and stored as CSV, so that search
 * controllers can be run and compared over many seeds without training.
 */
package dev.nas.eval.table;
