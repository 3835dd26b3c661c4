/**
 * Latency lookup tables: every distinct layer configuration of a space ({@link dev.nas.latency.lut.LayerKey})
 * timed alone once on a device, a network predicted as the sum of its layers through an overhead and scale fitted
 * to networks measured whole ({@link dev.nas.latency.lut.LutFit}).
 *
 * <pre>{@code
 * LookupTable table = LookupTable.read(Path.of("devices/local/layers.csv"));
 * double sum = table.sum(NetworkPlan.of(space, candidate));
 * double ms = fit.latencyMs(sum);
 * }</pre>
 */
package dev.nas.latency.lut;
