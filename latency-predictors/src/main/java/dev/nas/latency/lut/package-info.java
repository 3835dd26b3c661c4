/**
 * Latency lookup tables: every distinct layer configuration of a space ({@link dev.nas.latency.lut.LayerKey})
 * timed alone once on a device, a network predicted as the sum of its layers through an overhead and scale fitted
 * to networks measured whole ({@link dev.nas.latency.lut.LutFit}).
 *
 * <pre>{@code
 * LookupTable table = LookupTable.read(Path.of("devices/local/layers.csv"));
 * FittedTable fitted = FittedTable.fit(table, space, measuredNetworks);
 * double ms = fitted.latencyMs(NetworkPlan.of(space, candidate));
 * }</pre>
 */
package dev.nas.latency.lut;
