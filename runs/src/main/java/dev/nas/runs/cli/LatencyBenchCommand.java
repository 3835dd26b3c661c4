package dev.nas.runs.cli;

import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.experiment.Estimate;
import dev.nas.runs.app.LatencyBench;
import dev.nas.runs.export.Format;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency bench}: lookup table and predictors against measured latency (see {@link LatencyBench}). */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks lookup table and predictor against measured latency.",
            "On networks sampled from a space, each predicted by models that never saw it: RMSE, MAPE, share",
            "within ±5%% and ±10%%, Kendall's tau against the median of each network's measurements, and time per",
            "estimate; a second measurement against the first gives the noise floor. Measures and profiles what",
            "the device lacks first. Run it on a quiet machine."})
final class LatencyBenchCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200",
            description = "Networks, each a different architecture (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Each network is predicted by models trained on the other K-1 folds (default: "
                    + "${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling and model seed.")
    long seed;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Measurements of each network, the first the device's own; estimates are scored against "
                    + "their median (default: ${DEFAULT-VALUE}, at least 2).")
    int repeats;

    @Override
    public Integer call() {
        DeviceProfile profile = device.profile();
        LatencyBench.Result result = new LatencyBench(n, folds, seed, repeats).run(space.source(), profile,
                System.out);
        System.out.printf("%nLatency of %d networks of %s on %s, against the median of %d measurements of each; "
                        + "each network predicted by models fitted on the other %d folds (seed %d), table of %d "
                        + "layers:%n", n, space.file, result.conditions(), repeats, folds, seed, result.tableLayers());
        Map<Estimate, LatencyBench.Row> rows = new LinkedHashMap<>();
        result.rows().forEach(row -> rows.put(row.estimate(), row));
        System.out.print(LatencyCommand.estimates(List.copyOf(rows.keySet()), List.of("median_ms_per_estimate",
                "max_ms_per_estimate"), e -> List.of(rows.get(e).medianMs(), rows.get(e).maxMs()))
                .write(Format.TABLE));
        return Main.DONE;
    }
}
