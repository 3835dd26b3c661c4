package dev.nas.space;

import java.util.random.RandomGenerator;

/**
 * The values one searched quantity can take: a finite {@link Choice} or a continuous {@link Range}.
 *
 * <p>Every domain maps its values to one numeric coordinate, so that controllers can work on vectors: a choice's
 * coordinate is the index of its option, a range's is the position of the value on its (linear or log) scale,
 * in [0, 1].
 */
public sealed interface Domain<T> permits Choice, Range {

    /** True when only one value is possible: the quantity is fixed, not searched. */
    boolean isFixed();

    /** Number of points a grid search visits, or 0 if the domain is continuous and has no grid resolution. */
    int gridSize();

    /** The grid point {@code index}, for {@code 0 <= index < gridSize()}. */
    T gridValue(int index);

    T sample(RandomGenerator rng);

    boolean contains(T value);

    /** The numeric coordinate of a value of this domain. */
    double encode(T value);

    /** The value nearest to a coordinate; coordinates outside the domain are clamped into it. */
    T decode(double coordinate);
}
