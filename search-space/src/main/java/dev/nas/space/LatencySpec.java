package dev.nas.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a search gets each candidate's latency: measured on this machine, or predicted for a named device from
 * its lookup table or its learned predictor (kept in the device's profile, {@code devices/DEVICE/}). In YAML, under
 * {@code objective}: {@code latency: {source: lut, device: local}}, or {@code {source: onnxruntime, precision:
 * int8}}.
 *
 * @param device      the device profile to predict for; measured latency is always this machine's
 * @param precision   the arithmetic networks are timed in; int8 only in ONNX Runtime
 * @param compareWith a second engine each candidate is also timed in, in fp32, for the report's comparison of the
 *                    two engines' rankings: {@code onnxruntime} beside {@code measured} (DL4J), {@code measured}
 *                    beside {@code onnxruntime}, and either beside {@code onnxruntime} in int8
 */
public record LatencySpec(Source source, String device, Precision precision, Optional<Source> compareWith) {

    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The device a profile is given when none is named: this machine. */
    public static final String LOCAL = "local";
    public static final LatencySpec MEASURED = new LatencySpec(Source.MEASURED, LOCAL);

    public LatencySpec {
        checkDevice(device);
        if (precision == Precision.INT8 && source != Source.ONNXRUNTIME) {
            throw new BadInput("int8 latency is timed in ONNX Runtime: use source: onnxruntime with precision: int8");
        }
        if (compareWith.isPresent() && !comparable(source, precision).contains(compareWith.get())) {
            throw new BadInput("compare_with times candidates in a second engine beside the one they are measured "
                    + "in: onnxruntime with source: measured, measured with source: onnxruntime, either with "
                    + "source: onnxruntime and precision: int8");
        }
    }

    /** Timed in one engine. */
    public LatencySpec(Source source, String device, Precision precision) {
        this(source, device, precision, Optional.empty());
    }

    /** Latency of the fp32 networks. */
    public LatencySpec(Source source, String device) {
        this(source, device, Precision.FP32);
    }

    /** The engine this search times its candidates in on this machine; empty where latency is predicted. */
    public Optional<Engine> engine() {
        return timesHere(source) ? Optional.of(new Engine(source, precision)) : Optional.empty();
    }

    /** The second engine candidates are timed in, to compare the two. */
    public Optional<Engine> comparedEngine() {
        return compareWith.map(other -> new Engine(other, Precision.FP32));
    }

    /**
     * What networks are timed in on this machine: DL4J ({@link Source#MEASURED}) or ONNX Runtime, in fp32 or (ONNX
     * Runtime only) int8. A device profile measured here is timed in one engine throughout.
     */
    public record Engine(Source source, Precision precision) {

        /** DL4J, where networks are timed unless a space or device says otherwise. */
        public static final Engine DL4J = new Engine(Source.MEASURED, Precision.FP32);
        private static final List<Engine> ALL = List.of(DL4J, new Engine(Source.ONNXRUNTIME, Precision.FP32),
                new Engine(Source.ONNXRUNTIME, Precision.INT8));

        public Engine {
            if (!timesHere(source)) {
                throw new IllegalArgumentException(source + " predicts latency; it times nothing");
            }
            if (precision == Precision.INT8 && source != Source.ONNXRUNTIME) {
                throw new IllegalArgumentException("int8 is timed in ONNX Runtime only");
            }
        }

        /** In words: DL4J, ONNX Runtime fp32 or ONNX Runtime int8. */
        public String describe() {
            return source == Source.MEASURED ? "DL4J" : "ONNX Runtime " + precision.token();
        }

        /** {@code dl4j}, {@code onnxruntime} or {@code onnxruntime-int8}. */
        public String token() {
            return source == Source.MEASURED ? "dl4j" : precision == Precision.INT8 ? "onnxruntime-int8"
                    : "onnxruntime";
        }

        public static Optional<Engine> fromToken(String token) {
            return ALL.stream().filter(e -> e.token().equals(token)).findFirst();
        }

        /** Every engine's token, for messages. */
        public static String tokens() {
            return ALL.stream().map(Engine::token).collect(Collectors.joining(", "));
        }
    }

    /**
     * The engines candidates timed in {@code source} and {@code precision} can be timed in as well, to compare: DL4J
     * and ONNX Runtime fp32, other than their own; none where latency is predicted.
     */
    public static List<Source> comparable(Source source, Precision precision) {
        if (!timesHere(source)) {
            return List.of();
        }
        Engine own = new Engine(source, precision);
        return Stream.of(Source.MEASURED, Source.ONNXRUNTIME).filter(s -> !new Engine(s, Precision.FP32).equals(own))
                .toList();
    }

    /** Whether {@code source} times networks on this machine, rather than predicting their latency. */
    private static boolean timesHere(Source source) {
        return source == Source.MEASURED || source == Source.ONNXRUNTIME;
    }

    /** The arithmetic a network is timed in. */
    public enum Precision {
        /** The trained float network. */
        FP32("fp32", 4),
        /** Its post-training int8 quantization (QDQ), as {@code nas export --int8} writes it. */
        INT8("int8", 1);

        private final String token;
        private final int bytes;

        Precision(String token, int bytes) {
            this.token = token;
            this.bytes = bytes;
        }

        public String token() {
            return token;
        }

        /** Bytes of one weight or activation value: what model size and activation memory are counted in. */
        public int bytes() {
            return bytes;
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
