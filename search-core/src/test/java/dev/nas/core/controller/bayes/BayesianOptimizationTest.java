package dev.nas.core.controller.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerRace;
import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.ControllerSpec.Bayesian.Acquisition;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesianOptimizationTest {

    private static final boolean[] CONTINUOUS = {false, false};

    private static double[][] points(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
        }
        return x;
    }

    @Test
    void theGaussianProcessInterpolatesNoiselessDataAndExpectedImprovementVanishesThere() {
        double[][] x = points(12, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(6 * x[i][0]) + x[i][1];
        }
        GaussianProcess gp = new GaussianProcess(x, y, CONTINUOUS,
                new GaussianProcess.Hyperparameters(1, 1e-9, new double[] {0.3, 0.3}));
        double[][] at = gp.predict(x);
        double best = java.util.Arrays.stream(y).max().orElseThrow();
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i], at[i][0], 1e-3, "mean at observation " + i);
            assertTrue(at[i][1] < 1e-3, "sd at observation " + i + ": " + at[i][1]);
            assertEquals(0, Improvement.expected(at[i][0], at[i][1], best), 1e-3);
        }
        double[][] away = gp.predict(new double[][] {{0.5, 2.0}});
        assertTrue(away[0][1] > 0.1, "uncertain away from the data");
        assertTrue(Improvement.expected(away[0][0], away[0][1], best) > 0);
    }

    @Test
    void fittingTheLikelihoodGivesTheDimensionThatMattersTheShorterLengthScale() {
        double[][] x = points(40, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(8 * x[i][0]);
        }
        GaussianProcess.Hyperparameters h = HyperparameterFit.fit(x, y, CONTINUOUS);
        assertTrue(h.lengthScales()[0] < h.lengthScales()[1] / 3, java.util.Arrays.toString(h.lengthScales()));
        GaussianProcess start = new GaussianProcess(x, y, CONTINUOUS,
                HyperparameterFit.hyperparameters(new double[] {0, Math.log(1e-2), Math.log(0.5), Math.log(0.5)}));
        assertTrue(new GaussianProcess(x, y, CONTINUOUS, h).logMarginalLikelihood() > start.logMarginalLikelihood());
    }

    @Test
    void hyperparametersAreRefittedOnAGeometricSchedule() {
        assertEquals(java.util.List.of(3, 8, 8, 8, 12, 12, 12, 18),
                java.util.stream.IntStream.of(3, 8, 9, 10, 12, 16, 17, 19)
                        .map(Refits::point).boxed().toList());
    }

    @Test
    void itFindsWhatRandomSearchOnlyStumblesOn() {
        double random = ControllerRace.medianBest(new ControllerSpec.Random(), "mobile", 30, 5);
        double bayes = ControllerRace.medianBest(new ControllerSpec.Bayesian(
                Acquisition.EXPECTED_IMPROVEMENT, false, 8), "mobile", 30, 5);
        assertTrue(bayes > random, "median best of 5 seeds at budget 30: bayes " + bayes + ", random " + random);
    }
}
