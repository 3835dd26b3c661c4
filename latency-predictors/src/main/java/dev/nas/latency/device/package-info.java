/**
 * Device profiles: a named device's lookup table, networks measured whole (here, or on the device and imported from
 * a {@link dev.nas.latency.device.LatencySheet}) and learned predictors, kept in a folder
 * ({@link dev.nas.latency.device.DeviceProfile}) so that every study for that device reuses them.
 */
package dev.nas.latency.device;
