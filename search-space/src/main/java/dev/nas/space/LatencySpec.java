package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a search gets each candidate's latency: measured on this machine, or predicted for a named device from
 * its lookup table or its learned predictor (kept in the device's profile, {@code devices/DEVICE/}). In YAML, under
 * {@code objective}: {@code latency: {source: lut, device: local}}.
 *
 * @param device the device profile to predict for; measured latency is always this machine's
 */
public record LatencySpec(Source source, String device) {

    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The device a profile is given when none is named: this machine. */
    public static final String LOCAL = "local";
    public static final LatencySpec MEASURED = new LatencySpec(Source.MEASURED, LOCAL);

    public LatencySpec {
        checkDevice(device);
    }

    /** Throws {@link IllegalArgumentException} unless {@code name} can name a device (and its folder). */
    public static String checkDevice(String name) {
        if (name == null || !DEVICE_NAME.matcher(name).matches()) {
            String shown = name == null || name.length() <= 80 ? String.valueOf(name) : name.substring(0, 80) + "...";
            throw new BadInput("a device name is 1 to 64 letters, digits, '.', '_' and '-', starting "
                    + "with a letter or digit; got '" + shown + "'");
        }
        return name;
    }

    /** How latency is obtained. */
    public enum Source {
        /** Timed on this machine for every candidate, in DL4J. */
        MEASURED("measured"),
        /**
         * Timed on this machine for every candidate, in ONNX Runtime (CPU, one thread) from the network's ONNX export:
         * the engine models are deployed with.
         */
        ONNXRUNTIME("onnxruntime"),
        /** The sum of the device's per-layer lookup table, with a fitted overhead. */
        LUT("lut"),
        /** The device's learned regression model. */
        PREDICTOR("predictor");

        private final String token;

        Source(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public static Optional<Source> fromToken(String token) {
            return Arrays.stream(values()).filter(s -> s.token.equals(token)).findFirst();
        }
    }
}
