package dev.nas.space;

import java.util.List;
import java.util.random.RandomGenerator;

/** A finite, ordered list of options. A list of one option is a fixed value. */
public record Choice<T>(List<T> options) implements Domain<T> {

    public Choice {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("empty choice list");
        }
        if (options.stream().distinct().count() != options.size()) {
            throw new IllegalArgumentException("duplicate options in " + options);
        }
    }

    @SafeVarargs
    public static <T> Choice<T> of(T... options) {
        return new Choice<>(List.of(options));
    }

    @Override
    public boolean isFixed() {
        return options.size() == 1;
    }

    @Override
    public int gridSize() {
        return options.size();
    }

    @Override
    public T gridValue(int index) {
        return options.get(index);
    }

    @Override
    public T sample(RandomGenerator rng) {
        return options.get(rng.nextInt(options.size()));
    }

    @Override
    public boolean contains(T value) {
        return options.contains(value);
    }

    @Override
    public double encode(T value) {
        int index = options.indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException(value + " is not one of " + options);
        }
        return index;
    }

    @Override
    public T decode(double coordinate) {
        long index = Math.round(coordinate);
        return options.get((int) Math.max(0, Math.min(options.size() - 1, index)));
    }

    /** The first option: the value a fixed choice always takes. */
    public T first() {
        return options.get(0);
    }
}
