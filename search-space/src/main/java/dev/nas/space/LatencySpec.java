package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a search gets each candidate's latency: measured on this machine, or predicted for a named device from
 * its lookup table or its learned predictor (kept in the device's profile, {@code devices/DEVICE/}). In YAML, under
 * {@code objective}: {@code latency: {source: lut, device: local}}, or {@code {source: onnxruntime, precision:
 * int8}}.
 *
 * @param device    the device profile to predict for; measured latency is always this machine's
 * @param precision the arithmetic networks are timed in; int8 only in ONNX Runtime
 */
public record LatencySpec(Source source, String device, Precision precision) {

    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The device a profile is given when none is named: this machine. */
    public static final String LOCAL = "local";
    public static final LatencySpec MEASURED = new LatencySpec(Source.MEASURED, LOCAL);

    public LatencySpec {
        checkDevice(device);
        if (precision == Precision.INT8 && source != Source.ONNXRUNTIME) {
            throw new BadInput("int8 latency is timed in ONNX Runtime: use source: onnxruntime with precision: int8");
        }
    }

    /** Latency of the fp32 networks. */
    public LatencySpec(Source source, String device) {
        this(source, device, Precision.FP32);
    }

    /** The arithmetic a network is timed in. */
    public enum Precision {
        /** The trained float network. */
        FP32("fp32"),
        /** Its post-training int8 quantization (QDQ), as {@code nas export --int8} writes it. */
        INT8("int8");

        private final String token;

        Precision(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public static Optional<Precision> fromToken(String token) {
            return Arrays.stream(values()).filter(p -> p.token.equals(token)).findFirst();
        }
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
