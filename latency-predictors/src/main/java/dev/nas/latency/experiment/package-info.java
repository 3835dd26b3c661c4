/**
 * Experiments that judge latency estimates against measurements: a predictor trained on some of a device's networks
 * and scored on the rest, k-fold predictions of every network, a saved predictor scored on networks it never saw,
 * and learning curves with and without transfer from other devices.
 */
package dev.nas.latency.experiment;
