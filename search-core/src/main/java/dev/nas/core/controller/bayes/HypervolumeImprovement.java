package dev.nas.core.controller.bayes;

import io.jenetics.ext.moea.Pareto;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How much an objective vector would add to the hypervolume a front dominates above a reference point (every
 * objective maximised), and the expectation of that under independent normal posteriors, exactly and in closed form.
 *
 * <p>The region above the reference that the front does not dominate is cut into disjoint boxes: a grid over the
 * first m - 1 objectives, with lines at the reference and at every front value, each cell extended in the last
 * objective from h, the highest last value among the front points at or above the cell's upper corner (the reference
 * where there is none), to infinity. For two objectives these are the n + 1 strips between the n points of the front
 * sorted by the first objective; for m objectives at most (n + 1)^(m - 1) boxes. A point y adds the volume of the
 * boxes' parts below it, a sum over boxes of products over objectives of (min(y_k, u_k) - l_k)^+. The objectives'
 * posteriors being independent, the expectation of each product is the product of E[(min(Y_k, u_k) - l_k)^+] =
 * EI(l_k) - EI(u_k), the expected improvements over the box's bounds ({@link Improvement}), so no sampling is needed
 * in any dimension; the cost is one product per box and candidate.
 */
final class HypervolumeImprovement {

    /**
     * Beyond this many boxes (four or more objectives and a large front) every other point of the front is dropped,
     * in the order of the first objective, until the grid is this small: the improvement is then measured against a
     * coarser front that keeps its extent, which keeps an ask to seconds.
     */
    static final int MAX_BOXES = 50_000;

    /** Per objective, ascending: the reference, the front's distinct values above it, then +infinity. */
    private final double[][] grid;
    /** Per box and objective, the indices of its lower and upper bound in {@link #grid}. */
    private final int[][] lower;
    private final int[][] upper;

    /**
     * @param points    objective vectors, every objective maximised; dominated ones, and any not above the
     *                  reference in every objective, change nothing
     * @param reference the point the hypervolume is measured from
     */
    HypervolumeImprovement(List<double[]> points, double[] reference) {
        int m = reference.length;
        List<double[]> above = points.stream()
                .filter(p -> IntStream.range(0, m).allMatch(k -> p[k] > reference[k])).toList();
        List<double[]> front = nondominated(above);
        while (boxes(front, m) > MAX_BOXES && front.size() > 2) {
            front = everyOther(front);
        }
        grid = new double[m][];
        for (int k = 0; k < m; k++) {
            int objective = k;
            double[] values = front.stream().mapToDouble(p -> p[objective]).distinct().sorted().toArray();
            grid[k] = new double[values.length + 2];
            grid[k][0] = reference[k];
            System.arraycopy(values, 0, grid[k], 1, values.length);
            grid[k][values.length + 1] = Double.POSITIVE_INFINITY;
        }
        int last = m - 1;
        int cells = (int) boxes(front, m);
        lower = new int[cells][m];
        upper = new int[cells][m];
        int[] cell = new int[last];
        for (int b = 0; b < cells; b++) {
            double h = reference[last];
            for (double[] p : front) {
                boolean covers = true;
                for (int k = 0; k < last && covers; k++) {
                    covers = p[k] >= grid[k][cell[k] + 1];
                }
                if (covers) {
                    h = Math.max(h, p[last]);
                }
            }
            for (int k = 0; k < last; k++) {
                lower[b][k] = cell[k];
                upper[b][k] = cell[k] + 1;
            }
            lower[b][last] = Arrays.binarySearch(grid[last], 0, grid[last].length - 1, h);
            upper[b][last] = grid[last].length - 1;
            for (int k = 0; k < last && ++cell[k] == grid[k].length - 1; k++) {
                cell[k] = 0;
            }
        }
    }

    /** How many boxes the grid of {@code front} has (saturating at {@link Long#MAX_VALUE}). */
    private static long boxes(List<double[]> front, int m) {
        long cells = 1;
        for (int k = 0; k < m - 1; k++) {
            int objective = k;
            long lines = front.stream().mapToDouble(p -> p[objective]).distinct().count() + 1;
            cells = cells > Long.MAX_VALUE / lines ? Long.MAX_VALUE : cells * lines;
        }
        return cells;
    }

    /** Every other point of {@code front} in the order of its first objective, both ends kept: a coarser front. */
    private static List<double[]> everyOther(List<double[]> front) {
        List<double[]> sorted = front.stream().sorted(Comparator.comparingDouble(p -> p[0])).toList();
        return IntStream.range(0, sorted.size()).filter(i -> i % 2 == 0 || i == sorted.size() - 1)
                .mapToObj(sorted::get).toList();
    }

    /** The points of {@code points} that no other dominates. */
    static List<double[]> nondominated(List<double[]> points) {
        return points.stream().filter(p -> !dominated(p, points)).toList();
    }

    /** Whether one of {@code others} dominates {@code point}. */
    static boolean dominated(double[] point, List<double[]> others) {
        return others.stream().anyMatch(q -> Pareto.dominance(q, point) > 0);
    }

    /** The number of boxes: what one evaluation costs. */
    int boxes() {
        return lower.length;
    }

    /** The hypervolume {@code y} would add. */
    double of(double[] y) {
        double sum = 0;
        for (int b = 0; b < lower.length; b++) {
            double volume = 1;
            for (int k = 0; k < y.length && volume > 0; k++) {
                volume *= Math.max(0, Math.min(y[k], grid[k][upper[b][k]]) - grid[k][lower[b][k]]);
            }
            sum += volume;
        }
        return sum;
    }

    /** The expected hypervolume improvement of Y with independent Y_k ~ N(mean_k, sd_k^2). */
    double expected(double[] mean, double[] sd) {
        double[][] improvement = new double[grid.length][];
        for (int k = 0; k < grid.length; k++) {
            improvement[k] = new double[grid[k].length];
            for (int i = 0; i < grid[k].length; i++) {
                improvement[k][i] = Improvement.expected(mean[k], sd[k], grid[k][i]);
            }
        }
        double sum = 0;
        for (int b = 0; b < lower.length; b++) {
            double product = 1;
            for (int k = 0; k < grid.length; k++) {
                product *= Math.max(0, improvement[k][lower[b][k]] - improvement[k][upper[b][k]]);
            }
            sum += product;
        }
        return sum;
    }
}
