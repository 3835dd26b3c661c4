package dev.nas.space;

/**
 * A named quantity of a space and its domain. Names are the YAML paths of the keys that define them, such as
 * {@code blocks[2].kernel} or {@code training.learning_rate}, so reports and errors speak the user's words.
 */
public record Dimension<T>(String name, Domain<T> domain) {

    /** Encodes a value known to belong to this dimension (values come from the same space's candidates). */
    @SuppressWarnings("unchecked")
    public double encode(Object value) {
        return domain.encode((T) value);
    }
}
