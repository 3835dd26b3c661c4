package dev.nas.space;

/**
 * A named quantity of a space and its domain. Names are the YAML paths of the keys that define them, such as
 * {@code blocks[2].kernel} or {@code training.learning_rate}, so reports and errors speak the user's words.
 */
public record Dimension<T>(String name, Domain<T> domain) {

    /**
     * A value as text, as the candidate key writes it: {@code mbconv}, {@code 5}, {@code 0.25}, {@code 0.00316},
     * a layer variant's token {@code mbconv_k3_e3}.
     */
    public static String format(Object value) {
        if (value instanceof LayerOp op) {
            return op.token();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof Double d) {
            return Numbers.format(d);
        }
        return value.toString();
    }

    /** The value of this dimension written as {@code text} by {@link #format}; throws when it has none. */
    public T parse(String text) {
        if (domain instanceof Range range) {
            try {
                double value = Double.parseDouble(text);
                if (range.contains(value)) {
                    @SuppressWarnings("unchecked") T t = (T) Double.valueOf(value);
                    return t;
                }
            } catch (NumberFormatException e) {
                // reported below, with what was expected
            }
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number in [" + range.low() + ", "
                    + range.high() + "]");
        }
        Choice<T> choice = (Choice<T>) domain;
        return choice.options().stream().filter(o -> format(o).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": '" + text + "' is not one of "
                        + choice.options().stream().map(Dimension::format).toList()));
    }

    /** Encodes a value known to belong to this dimension (values come from the same space's candidates). */
    @SuppressWarnings("unchecked")
    public double encode(Object value) {
        return domain.encode((T) value);
    }
}
