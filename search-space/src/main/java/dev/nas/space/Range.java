package dev.nas.space;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.random.RandomGenerator;

/**
 * A continuous interval, uniform on a linear or a log scale. Values are rounded to three significant digits so that
 * keys stay readable and a candidate parsed from its key is exactly the candidate that was sampled.
 *
 * @param gridPoints how many evenly spaced points (on the scale) grid search visits; 0 means not gridded
 */
public record Range(double low, double high, boolean log, int gridPoints) implements Domain<Double> {

    private static final MathContext SIGNIFICANT = new MathContext(3);

    public Range {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("range needs low < high, got [" + low + ", " + high + "]");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("log_uniform range needs low > 0, got " + low);
        }
        if (gridPoints < 0) {
            throw new IllegalArgumentException("grid must be positive, got " + gridPoints);
        }
    }

    @Override
    public boolean isFixed() {
        return false;
    }

    @Override
    public int gridSize() {
        return gridPoints;
    }

    @Override
    public Double gridValue(int index) {
        if (index < 0 || index >= gridPoints) {
            throw new IndexOutOfBoundsException("grid point " + index + " of " + gridPoints);
        }
        return decode(gridPoints == 1 ? 0.5 : (double) index / (gridPoints - 1));
    }

    @Override
    public Double sample(RandomGenerator rng) {
        return decode(rng.nextDouble());
    }

    @Override
    public boolean contains(Double value) {
        return value >= low && value <= high;
    }

    @Override
    public double encode(Double value) {
        double u = log
                ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low))
                : (value - low) / (high - low);
        return Math.max(0, Math.min(1, u));
    }

    @Override
    public Double decode(double coordinate) {
        double u = Math.max(0, Math.min(1, coordinate));
        double raw = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
        double rounded = new BigDecimal(raw).round(SIGNIFICANT).doubleValue();
        return Math.max(low, Math.min(high, rounded));
    }
}
