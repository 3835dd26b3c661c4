package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A quantity the Pareto front trades off and a reward may be constrained by, with the direction that is better and
 * the unit it is counted in: one of nas's own {@link Measure}s, or a numeric {@link Column} of a tabular benchmark.
 * Every output that shows an objective's value shows its name and unit, and a front's order follows its direction.
 * In YAML, under {@code objective.pareto}: a measure by name ({@code macs}), a column as
 * {@code {column: energy_mj, direction: minimize, unit: mJ}}.
 */
public sealed interface Objective permits Objective.Measure, Objective.Column {

    Objective ACCURACY = Measure.ACCURACY;
    Objective LATENCY = Measure.LATENCY;
    Objective PARAMS = Measure.PARAMS;
    Objective MACS = Measure.MACS;
    Objective MEMORY = Measure.MEMORY;
    Objective SIZE = Measure.SIZE;

    /** The name outputs and YAML know it by. */
    String token();

    boolean maximize();

    /** What its values count: {@code ms}, {@code bytes}, {@code count}, or a column's declared unit. */
    String unit();

    /** {@code maximize} or {@code minimize}, as YAML and the outputs spell it. */
    default String direction() {
        return maximize() ? "maximize" : "minimize";
    }

    /** Name, unit and direction in words, for report headings and table footers: {@code energy_mj (mJ, minimize)}. */
    default String describe() {
        return token() + " (" + unit() + ", " + direction() + ")";
    }

    /** The objective named {@code token} among nas's own measures. */
    static Optional<Objective> fromToken(String token) {
        return Arrays.stream(Measure.values()).filter(m -> m.token.equals(token)).findFirst().map(m -> m);
    }

    /** What nas measures or computes for every candidate itself. */
    enum Measure implements Objective {
        /** Validation accuracy, a share of the validation images (the int8 model's where the study ships int8). */
        ACCURACY("accuracy", true, "fraction"),
        /** Inference latency, measured or predicted as the space's {@link LatencySpec} says. */
        LATENCY("latency", false, "ms"),
        /** Trainable parameters ({@link dev.nas.space.plan.Cost#params}). */
        PARAMS("params", false, "count"),
        /** Multiply-accumulates of one image's forward pass ({@link dev.nas.space.plan.Cost#macs}). */
        MACS("macs", false, "count"),
        /**
         * Peak activation memory of one image's forward pass ({@link dev.nas.space.plan.ActivationMemory}) in bytes,
         * each value as wide as the study's {@link LatencySpec.Precision} stores it.
         */
        MEMORY("memory", false, "bytes"),
        /**
         * Model size: the weights, every trainable parameter as wide as the study ships them (its
         * {@link LatencySpec.Precision}: 4 bytes in fp32, 1 in int8), without the file format's overhead.
         */
        SIZE("size", false, "bytes");

        private final String token;
        private final boolean maximize;
        private final String unit;

        Measure(String token, boolean maximize, String unit) {
            this.token = token;
            this.maximize = maximize;
            this.unit = unit;
        }

        @Override
        public String token() {
            return token;
        }

        @Override
        public boolean maximize() {
            return maximize;
        }

        @Override
        public String unit() {
            return unit;
        }
    }

    /**
     * A numeric column of a tabular benchmark, such as the energy each candidate took: its name as in the table's
     * header, which must differ from nas's own measures, the key, latency and the accuracies. {@link Measure#MACS} is
     * nas's count from the plan; a table's own count is the column objective {@code flops}.
     */
    record Column(String token, boolean maximize, String unit) implements Objective {

        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
        private static final Pattern UNIT = Pattern.compile("[^\\s,()]{1,16}");
        /** Columns a table gives another meaning: the key and latency (the accuracies are refused by prefix). */
        private static final Set<String> TAKEN = Set.of("key", "latency_ms");

        public Column {
            if (token == null || !NAME.matcher(token).matches() || TAKEN.contains(token)
                    || fromToken(token).isPresent() || token.startsWith("accuracy_")) {
                throw new IllegalArgumentException("a column objective is named by a table column other than key, "
                        + "latency_ms, the accuracies and nas's own objectives (accuracy, latency, params, "
                        + "macs, memory, size): 1 to 64 letters, digits and '_', starting with a letter; got '"
                        + token + "'");
            }
            if (unit == null || !UNIT.matcher(unit).matches()) {
                throw new IllegalArgumentException("a column's unit is 1 to 16 characters without spaces, commas or "
                        + "parentheses, such as mJ or count; got '" + unit + "'");
            }
        }
    }
}
