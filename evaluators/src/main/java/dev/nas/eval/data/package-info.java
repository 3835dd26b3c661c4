/**
 * Labelled images for training candidates: IDX (MNIST format, gzipped or not) and CSV readers that check what they
 * read, the embedded Fashion-MNIST subset, and the seeded, stratified train/validation split. Plain Java; the
 * DL4J side is in {@code dev.nas.eval.dl4j}.
 */
package dev.nas.eval.data;
