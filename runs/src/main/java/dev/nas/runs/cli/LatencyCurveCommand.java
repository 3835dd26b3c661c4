package dev.nas.runs.cli;

import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.experiment.LearningCurve;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.runs.output.Output;
import dev.nas.space.SearchSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency curve}: a device's learning curve, with and without transfer (see {@link LearningCurve}). */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reports how the device's predictor improves with the networks measured for it.",
            "For each --sizes N, predictors trained on N of its networks (nested, as train --n chooses them) are",
            "judged on the same held-out networks: without transfer, from the architecture's costs alone, and",
            "transferring from --transfer-from. Saves nothing."})
final class LatencyCurveCommand implements Callable<Integer> {

    private static final List<String> COLUMNS = List.of("n", "method", "predictor", "mape_percent",
            "within_5_percent", "within_10_percent", "kendall_tau", "rmse_ms");

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Mixin
    TransferOption transfer;

    @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "10,20,50,100,300,900",
            description = "Networks to train on, each (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--test", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Share of the networks held out to judge every predictor on (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Cross-validation folds that choose each model (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Split and model seed.")
    long seed;

    @Option(names = "--out", paramLabel = "CSV", description = "Also write the curve as CSV.")
    Path out;

    @Option(names = "--force", description = "Replace the --out file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        SearchSpace searchSpace = space.space();
        DeviceProfile profile = device.existing();
        Optional<Output> csv = Optional.ofNullable(out).map(file -> new Output("--out", file, force));
        csv.ifPresent(Output::checkFile);
        List<LatencyPredictor> sources = profile.transferSources(transfer.devices, searchSpace);
        LearningCurve curve = LearningCurve.run(profile, searchSpace, sizes, test, sources, folds, seed,
                point -> System.out.printf("nas: n %d, %s (%s): %s%n", point.n(), point.method(), point.predictor(),
                        point.report()));
        System.out.printf("%nDevice '%s', space '%s': %d networks measured whole, %d held out (seed %d)%n",
                profile.name(), searchSpace.name(), curve.networks(), curve.heldOut(), seed);
        Table table = new Table(COLUMNS, curve.points().stream().map(LatencyCurveCommand::row).toList());
        System.out.print(table.write(Format.TABLE));
        csv.ifPresent(file -> {
            file.writeFile(o -> o.write(table.write(Format.CSV).getBytes(StandardCharsets.UTF_8)));
            System.out.printf("nas: wrote the curve to %s%n", out);
        });
        return Main.DONE;
    }

    private static List<Object> row(LearningCurve.Point point) {
        PredictionReport r = point.report();
        return Table.row(point.n(), point.method(), point.predictor(), 100 * r.mape(), 100 * r.within5(),
                100 * r.within10(), r.kendallTau(), r.rmseMs());
    }
}
