package dev.nas.runs.cli;

import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.experiment.HoldOutExperiment;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.runs.export.Format;
import dev.nas.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency train}: a device's predictor, trained and reported on held-out networks. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the device's latency predictor for a space.",
            "On its networks measured whole, holding some out to report on: RMSE, MAPE, share within ±5%% and",
            "±10%%, Kendall's tau. Gradient boosting and a random forest are cross-validated on the rest; the",
            "better is saved. With --test 0 every network is trained on and cross-validation alone reports.",
            "With --transfer-from the predictor is few-shot: other devices' predictors, fitted to this one's",
            "latencies with the architecture's costs (and corrected by trees from 30 networks, if that",
            "cross-validates better)."})
final class LatencyTrainCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Option(names = "--test", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Share of the networks held out, 0 to keep every one for the saved model "
                    + "(default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--n", paramLabel = "N",
            description = "Train on N of the networks not held out (chosen by --seed), for learning curves: the "
                    + "held-out networks stay the same for every N (default: all of them).")
    Integer n;

    @Mixin
    TransferOption transfer;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Cross-validation folds that choose the model (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Split and model seed.")
    long seed;

    @Override
    public Integer call() {
        SearchSpace searchSpace = space.space();
        DeviceProfile profile = device.existing();
        Optional<List<LatencyPredictor>> sources = transfer.devices.isEmpty() ? Optional.empty()
                : Optional.of(profile.transferSources(transfer.devices, searchSpace));
        HoldOutExperiment experiment = HoldOutExperiment.run(profile, searchSpace, test,
                n == null ? OptionalInt.empty() : OptionalInt.of(n), folds, seed, sources);
        System.out.printf("nas: device '%s', space '%s': %d networks measured whole, %d to train on, %d held out "
                + "(seed %d)%n", profile.name(), searchSpace.name(), experiment.networks().size(),
                experiment.training().size(), experiment.testing().size(), seed);
        experiment.result().training().crossValidated().forEach((model, report) -> System.out.printf(
                "nas: %d-fold cross-validation on the training networks, %s: %s%n", folds, model, report));
        if (experiment.testing().isEmpty()) {
            System.out.println("nas: nothing held out (--test 0): the saved model is fitted on every network");
        } else {
            System.out.println("\nHeld-out networks:");
            System.out.print(LatencyCommand.estimates(experiment.estimates()).write(Format.TABLE));
        }
        LatencyPredictor predictor = experiment.result().training().predictor();
        predictor.write(profile.predictorFile(searchSpace));
        System.out.printf("%nnas: saved %s (%s)%n", profile.predictorFile(searchSpace), predictor);
        return Main.DONE;
    }
}
