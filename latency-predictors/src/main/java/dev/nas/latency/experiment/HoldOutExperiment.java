package dev.nas.latency.experiment;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.predictor.HoldOut;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.latency.predictor.PredictorTraining;
import dev.nas.latency.predictor.TransferTraining;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A device's predictor trained on a random share of its networks measured whole, the rest held out to report on:
 * what {@code nas latency train} runs before it saves the predictor. With nothing held out the predictor is trained
 * on every network, and only its cross-validation reports on it.
 *
 * @param networks  every network of the space the device has
 * @param training  those trained on
 * @param testing   those held out, perhaps none
 * @param result    the table's and the predictor's estimates of the held-out networks
 * @param estimates how each did on them, the table first where the device has one; none if nothing is held out
 */
public record HoldOutExperiment(List<MeasuredNetwork> networks, List<MeasuredNetwork> training,
                                List<MeasuredNetwork> testing, HoldOut result, List<Estimate> estimates) {

    /**
     * Holds out {@code test} of the device's networks of {@code space} (shuffled by {@code seed}) and trains on the
     * rest, or on the first {@code n} of them where given, choosing the predictor's kind by {@code folds}-fold
     * cross-validation; too few networks for that are refused, naming how many it takes. The held-out networks do
     * not depend on {@code n}, and a smaller {@code n}'s networks are among a larger one's, so that a learning
     * curve compares like with like.
     */
    public static HoldOutExperiment run(DeviceProfile device, SearchSpace space, double test, OptionalInt n,
                                        int folds, long seed) {
        return run(device, space, test, n, folds, seed, Optional.empty());
    }

    /**
     * As {@link #run(DeviceProfile, SearchSpace, double, OptionalInt, int, long)}, but a few-shot predictor
     * transferring from the predictors {@code transferFrom} where given (from the architecture's costs alone if the
     * list is empty), which trains on as few as {@link TransferTraining#MIN_SAMPLES} networks.
     */
    public static HoldOutExperiment run(DeviceProfile device, SearchSpace space, double test, OptionalInt n,
                                        int folds, long seed, Optional<List<LatencyPredictor>> transferFrom) {
        if (!(test >= 0 && test < 1)) {
            throw new BadInput("--test must be at least 0 and less than 1, got " + test);
        }
        if (folds < 2) {
            throw new BadInput("--folds must be at least 2, got " + folds);
        }
        List<MeasuredNetwork> networks = device.networks(space);
        int held = (int) Math.round(networks.size() * test);
        int least = least(folds, transferFrom.isPresent());
        if (networks.size() - held < least || (test > 0 && held < 2)) {
            throw new BadInput("device '" + device.name() + "' has " + networks.size()
                    + " networks of space '" + space.name() + "' measured whole (" + device.networksFile()
                    + "); " + least + " to train on" + (test > 0 ? " and two held out" : "") + " are the fewest: "
                    + "nas latency measure, or nas latency import");
        }
        int trained = n.orElse(networks.size() - held);
        if (trained < least || trained > networks.size() - held) {
            throw new BadInput("--n must be between " + least + " and the " + (networks.size() - held)
                    + " networks not held out, got " + trained);
        }
        List<MeasuredNetwork> shuffled = shuffled(networks, seed);
        List<MeasuredNetwork> testing = List.copyOf(shuffled.subList(0, held));
        List<MeasuredNetwork> training = List.copyOf(shuffled.subList(held, held + trained));
        HoldOut result = HoldOut.of(space, device.tableFor(space), training, testing, folds, seed, device.name(),
                transferFrom);
        double[] measured = testing.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        List<Estimate> estimates = new ArrayList<>();
        if (!testing.isEmpty()) {
            result.lutMs().ifPresent(lut -> estimates.add(new Estimate("lookup table", PredictionReport.of(measured,
                    lut))));
            estimates.add(new Estimate("predictor (" + result.training().predictor().label() + ")",
                    PredictionReport.of(measured, result.predicted())));
        }
        return new HoldOutExperiment(List.copyOf(networks), training, testing, result, List.copyOf(estimates));
    }

    /**
     * Fewest networks to train on: for trees, enough that every cross-validation fold trains on
     * {@link PredictorTraining#MIN_SAMPLES}; for a transfer, what its fit takes.
     */
    static int least(int folds, boolean transfer) {
        return transfer ? TransferTraining.MIN_SAMPLES : PredictorTraining.MIN_SAMPLES * folds / (folds - 1) + 1;
    }

    /** The networks in the seeded order that puts the held-out ones first and the nested training sets after. */
    static List<MeasuredNetwork> shuffled(List<MeasuredNetwork> networks, long seed) {
        List<MeasuredNetwork> shuffled = new ArrayList<>(networks);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }
}
