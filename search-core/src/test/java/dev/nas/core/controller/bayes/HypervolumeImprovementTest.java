package dev.nas.core.controller.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HypervolumeImprovementTest {

    private static final List<double[]> FRONT_2D = List.of(new double[] {0.2, 0.9}, new double[] {0.5, 0.6},
            new double[] {0.8, 0.3}, new double[] {0.4, 0.4});
    private static final double[] REFERENCE_2D = {0, 0};
    private static final List<double[]> FRONT_3D = List.of(new double[] {0.8, 0.2, 0.3},
            new double[] {0.3, 0.7, 0.4}, new double[] {0.4, 0.4, 0.8}, new double[] {0.1, 0.1, 0.1});
    private static final double[] REFERENCE_3D = {-0.1, -0.1, -0.1};

    /** Hypervolume by inclusion-exclusion over every subset of the points: slow, but independent of the boxes. */
    private static double bruteHypervolume(List<double[]> points, double[] reference) {
        double volume = 0;
        for (int subset = 1; subset < 1 << points.size(); subset++) {
            double[] corner = new double[reference.length];
            Arrays.fill(corner, Double.POSITIVE_INFINITY);
            for (int i = 0; i < points.size(); i++) {
                if ((subset & 1 << i) != 0) {
                    for (int k = 0; k < corner.length; k++) {
                        corner[k] = Math.min(corner[k], points.get(i)[k]);
                    }
                }
            }
            double box = 1;
            for (int k = 0; k < corner.length; k++) {
                box *= Math.max(0, corner[k] - reference[k]);
            }
            volume += Integer.bitCount(subset) % 2 == 1 ? box : -box;
        }
        return volume;
    }

    private static double bruteImprovement(List<double[]> front, double[] reference, double[] y) {
        List<double[]> with = new ArrayList<>(front);
        with.add(y);
        return bruteHypervolume(with, reference) - bruteHypervolume(front, reference);
    }

    /** A Monte Carlo estimate of the expected improvement and its standard error. */
    private static double[] monteCarlo(List<double[]> front, double[] reference, double[] mean, double[] sd,
                                       int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        double squares = 0;
        for (int s = 0; s < samples; s++) {
            double[] y = new double[mean.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = mean[k] + sd[k] * gaussian(random);
            }
            double value = bruteImprovement(front, reference, y);
            sum += value;
            squares += value * value;
        }
        double average = sum / samples;
        return new double[] {average, Math.sqrt((squares / samples - average * average) / samples)};
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void theBoxesGiveEveryPointTheImprovementInclusionExclusionGives() {
        SplittableRandom random = new SplittableRandom(3);
        HypervolumeImprovement two = new HypervolumeImprovement(FRONT_2D, REFERENCE_2D);
        HypervolumeImprovement three = new HypervolumeImprovement(FRONT_3D, REFERENCE_3D);
        assertEquals(4, two.boxes(), "n + 1 strips for the 3 points of the front (one point is dominated)");
        for (int i = 0; i < 200; i++) {
            double[] y2 = {random.nextDouble(-0.2, 1.1), random.nextDouble(-0.2, 1.1)};
            assertEquals(bruteImprovement(FRONT_2D, REFERENCE_2D, y2), two.of(y2), 1e-12, Arrays.toString(y2));
            double[] y3 = {random.nextDouble(-0.2, 1.1), random.nextDouble(-0.2, 1.1), random.nextDouble(-0.2, 1.1)};
            assertEquals(bruteImprovement(FRONT_3D, REFERENCE_3D, y3), three.of(y3), 1e-12,
                    Arrays.toString(y3));
        }
    }

    @Test
    void theClosedFormInTwoDimensionsIsWhatMonteCarloEstimates() {
        HypervolumeImprovement improvement = new HypervolumeImprovement(FRONT_2D, REFERENCE_2D);
        double[][][] posteriors = {
            {{0.6, 0.7}, {0.1, 0.1}},   // beyond the front
            {{0.45, 0.5}, {0.2, 0.05}},  // just behind it, uncertain in the first objective
            {{0.3, 0.3}, {0.3, 0.3}},   // well behind it, very uncertain
        };
        for (double[][] posterior : posteriors) {
            double exact = improvement.expected(posterior[0], posterior[1]);
            double[] estimate = monteCarlo(FRONT_2D, REFERENCE_2D, posterior[0], posterior[1], 40_000, 5);
            assertTrue(exact > 0);
            assertEquals(estimate[0], exact, 4 * estimate[1] + 1e-6,
                    "mean " + Arrays.toString(posterior[0]) + ", estimate " + estimate[0] + " +- "
                            + estimate[1]);
        }
    }

    @Test
    void theSameBoxesGiveTheExactExpectationInThreeDimensions() {
        HypervolumeImprovement improvement = new HypervolumeImprovement(FRONT_3D, REFERENCE_3D);
        double[] mean = {0.5, 0.5, 0.5};
        double[] sd = {0.2, 0.1, 0.3};
        double[] estimate = monteCarlo(FRONT_3D, REFERENCE_3D, mean, sd, 30_000, 6);
        assertEquals(estimate[0], improvement.expected(mean, sd), 4 * estimate[1] + 1e-6,
                "estimate " + estimate[0] + " +- " + estimate[1]);
    }

    @Test
    void aDominatedPointImprovesNothingAndACertainOneExactlyItsOwnVolume() {
        HypervolumeImprovement improvement = new HypervolumeImprovement(FRONT_2D, REFERENCE_2D);
        double[] dominated = {0.45, 0.55};
        assertEquals(0, improvement.of(dominated));
        assertEquals(0, improvement.expected(dominated, new double[] {1e-13, 1e-13}));
        assertEquals(0, improvement.expected(dominated, new double[] {1e-4, 1e-4}), 1e-9, "nearly certain");
        double[] beyond = {0.6, 0.7};
        assertEquals(0.6 * 0.7 - bruteHypervolume(List.of(new double[] {0.2, 0.9}, new double[] {0.5, 0.6},
                new double[] {0.8, 0.3}).stream().map(p -> new double[] {Math.min(p[0], 0.6), Math.min(p[1], 0.7)})
                .toList(), REFERENCE_2D), improvement.of(beyond), 1e-12);
        assertEquals(improvement.of(beyond), improvement.expected(beyond, new double[] {0, 0}), 1e-12);
    }

    @Test
    void withOneObjectiveItIsExpectedImprovementOverTheBest() {
        HypervolumeImprovement improvement = new HypervolumeImprovement(
                List.of(new double[] {0.3}, new double[] {0.7}), new double[] {0});
        assertEquals(Improvement.expected(0.6, 0.2, 0.7), improvement.expected(new double[] {0.6},
                new double[] {0.2}), 1e-12);
    }

    /** Sixty points on a sphere in five objectives: 61^4 boxes exact, so the front is thinned to a coarser one. */
    @Test
    void aFrontTooLargeToCutIntoBoxesIsThinnedAndStillMeasured() {
        SplittableRandom random = new SplittableRandom(8);
        List<double[]> sphere = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double[] p = new double[5];
            double norm = 0;
            for (int k = 0; k < p.length; k++) {
                p[k] = Math.abs(gaussian(random));
                norm += p[k] * p[k];
            }
            for (int k = 0; k < p.length; k++) {
                p[k] /= Math.sqrt(norm);
            }
            sphere.add(p);
        }
        assertEquals(60, HypervolumeImprovement.nondominated(sphere).size(),
                "no point of the sphere dominates another");
        HypervolumeImprovement improvement = new HypervolumeImprovement(sphere, new double[5]);
        assertTrue(improvement.boxes() <= HypervolumeImprovement.MAX_BOXES, improvement.boxes() + " boxes");
        double[] beyond = {1, 1, 1, 1, 1};
        assertTrue(improvement.of(beyond) > 0 && improvement.of(beyond) < 1, "part of the unit cube");
        double[] end = sphere.stream().min(Comparator.comparingDouble(p -> p[0])).orElseThrow();
        assertEquals(0, improvement.of(end), 1e-12, "an end of the front, which thinning keeps, improves nothing");
        double[] sd = {0.1, 0.1, 0.1, 0.1, 0.1};
        assertTrue(improvement.expected(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, sd) > 0);
    }
}
