package dev.nas.latency.experiment;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.predictor.HoldOut;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a device's predictor improves with the networks measured for it: for each size n, predictors trained on n of
 * the device's networks, judged on the same held-out networks. The held-out networks are chosen as
 * {@code nas latency train --test} chooses them, and each size's training networks are the first n of the rest
 * ({@code train --n}), so a larger set contains the smaller ones and the sizes compare like with like. Three ways
 * of predicting at each size: without transfer (the predictor {@code nas latency train} makes), from the
 * architecture's costs alone (the transfer's fit with no source, which tells what the sources add), and transferring
 * from the source devices' predictors, where any are given.
 *
 * @param networks the device's networks of the space
 * @param heldOut  how many of them every predictor is judged on
 * @param points   one per size and way of predicting, by size
 */
public record LearningCurve(int networks, int heldOut, List<Point> points) {

    /**
     * One predictor of the curve.
     *
     * @param n         networks trained on
     * @param method    {@code no transfer}, {@code costs alone} or {@code transfer}
     * @param predictor what cross-validation chose ({@code gbm}, {@code transfer from a, b + forest})
     * @param report    how it did on the held-out networks
     */
    public record Point(int n, String method, String predictor, PredictionReport report) {
    }

    /**
     * The curve of {@code device} over {@code sizes}, holding out {@code test} of its networks (shuffled by
     * {@code seed}), transferring from {@code sources}; each point is passed to {@code progress} as it is made.
     * Sizes too small for {@code folds}-fold cross-validation or larger than the networks not held out are refused.
     */
    public static LearningCurve run(DeviceProfile device, SearchSpace space, List<Integer> sizes, double test,
                                    List<LatencyPredictor> sources, int folds, long seed, Consumer<Point> progress) {
        if (!(test > 0 && test < 1)) {
            throw new BadInput("--test must be more than 0 and less than 1, got " + test);
        }
        if (folds < 2) {
            throw new BadInput("--folds must be at least 2, got " + folds);
        }
        List<MeasuredNetwork> networks = device.networks(space);
        int held = (int) Math.round(networks.size() * test);
        int least = HoldOutExperiment.least(folds, false);
        if (sizes.isEmpty()) {
            throw new BadInput("--sizes: give at least one size");
        }
        for (int n : sizes) {
            if (n < least || n > networks.size() - held || held < 2) {
                throw new BadInput("--sizes: " + n + " is not between " + least + " and the " + (networks.size()
                        - held) + " networks not held out of device '" + device.name() + "' (" + networks.size()
                        + " measured whole, " + held + " held out by --test " + test + ")");
            }
        }
        List<MeasuredNetwork> shuffled = HoldOutExperiment.shuffled(networks, seed);
        List<MeasuredNetwork> testing = List.copyOf(shuffled.subList(0, held));
        double[] measured = testing.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        LookupTable table = device.tableFor(space);
        List<Method> methods = new ArrayList<>(List.of(new Method("no transfer", Optional.empty()),
                new Method("costs alone", Optional.of(List.of()))));
        if (!sources.isEmpty()) {
            methods.add(new Method("transfer", Optional.of(sources)));
        }
        List<Point> points = new ArrayList<>();
        for (int n : sizes) {
            List<MeasuredNetwork> training = List.copyOf(shuffled.subList(held, held + n));
            for (Method method : methods) {
                HoldOut result = HoldOut.of(space, table, training, testing, folds, seed, device.name(),
                        method.sources());
                Point point = new Point(n, method.name(), result.training().predictor().label(),
                        PredictionReport.of(measured, result.predicted()));
                progress.accept(point);
                points.add(point);
            }
        }
        return new LearningCurve(networks.size(), held, List.copyOf(points));
    }

    private record Method(String name, Optional<List<LatencyPredictor>> sources) {
    }
}
