package dev.nas.runs.cli;

import dev.nas.core.trial.Latency;
import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.predictor.HoldOut;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.latency.predictor.PredictorTraining;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The latency benchmark: networks sampled from a space are measured whole, several times, and their latency
 * predicted by the lookup table and by learned predictors, each network by models that never saw it (k-fold
 * cross-validation). Prints accuracy against the median of each network's measurements, how far a second
 * measurement lands from the first (the noise floor), and the time per estimate. The models train on the first
 * measurement, as they would in use; the reference takes the median of several so that what is scored is the
 * estimate's error more than the reference's noise. Run it on a quiet machine: measuring is what it tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks lookup table and predictor against measured latency.",
            "On networks sampled from a space, each predicted by models that never saw it: RMSE, MAPE, share",
            "within ±5%% and ±10%%, Kendall's tau against the median of each network's measurements, and time per",
            "estimate; a second measurement against the first gives the noise floor. Measures and profiles what",
            "the device lacks first. Run it on a quiet machine."})
final class LatencyBenchCommand implements Callable<Integer> {

    @Mixin
    LatencyCommand.SpaceOption space;

    @Mixin
    LatencyCommand.DeviceOption device;

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
        if (repeats < 2) {
            throw new IllegalArgumentException("--repeats must be at least 2, got " + repeats);
        }
        SearchSpace searchSpace = space.space();
        DeviceProfile profile = device.profile();
        profile.checkMeasuredHere();
        List<Candidate> candidates = LatencySheet.sample(searchSpace, n, seed);
        double[][] measurements = new double[repeats][n];
        double[] measureMs = new double[n];
        try (WorkerLatency worker = space.worker()) {
            var here = worker.conditions();
            System.out.printf("nas: measuring %d networks of %s whole on %s%n", n, space.file, here);
            profile.measure(candidates, worker, here, System.out::println);
            profile.profile(searchSpace, worker, here, System.out::println);
            for (int r = 1; r < repeats; r++) {
                System.out.printf("nas: measuring every network again (%d/%d), for the reference, the noise floor "
                        + "and the time a measurement takes%n", r + 1, repeats);
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    Latency latency = worker.latency(candidates.get(i));
                    measureMs[i] = (System.nanoTime() - start) / 1e6;
                    measurements[r][i] = latency.medianMs();
                }
            }
        }
        Map<List<BlockChoice>, MeasuredNetwork> measured = new HashMap<>();
        profile.networks(searchSpace).forEach(network -> measured.putIfAbsent(network.candidate().blocks(), network));
        List<MeasuredNetwork> networks = candidates.stream().map(c -> measured.get(c.blocks())).toList();
        measurements[0] = networks.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        double[] reference = IntStream.range(0, n).mapToDouble(i -> median(IntStream.range(0, repeats)
                .mapToDouble(r -> measurements[r][i]).toArray())).toArray();
        LookupTable table = LatencyCommand.tableFor(profile, searchSpace);

        double[] lut = new double[n];
        double[] predicted = new double[n];
        double[] withoutTable = new double[n];
        int[] fold = PredictorTraining.folds(n, folds, seed);
        HoldOut last = null;
        HoldOut lastAlone = null;
        for (int f = 0; f < folds; f++) {
            int held = f;
            List<MeasuredNetwork> training = IntStream.range(0, n).filter(i -> fold[i] != held)
                    .mapToObj(networks::get).toList();
            int[] test = IntStream.range(0, n).filter(i -> fold[i] == held).toArray();
            List<MeasuredNetwork> testing = Arrays.stream(test).mapToObj(networks::get).toList();
            last = HoldOut.of(searchSpace, table, training, testing, folds, seed, profile.name());
            HoldOut alone = HoldOut.of(searchSpace, LookupTable.EMPTY, training, testing, folds, seed, profile.name());
            lastAlone = alone;
            for (int j = 0; j < test.length; j++) {
                lut[test[j]] = last.lutMs().orElseThrow()[j];
                predicted[test[j]] = last.predicted()[j];
                withoutTable[test[j]] = alone.predicted()[j];
            }
            System.out.printf("nas: fold %d/%d: table %s; predictor %s, without the table %s%n", f + 1, folds,
                    last.fit().orElseThrow(), last.training().predictor().kind().token(),
                    alone.training().predictor().kind().token());
        }

        FittedTable fitted = last.fit().orElseThrow();
        LatencyPredictor.Bound predictor = last.training().predictor().bind(searchSpace);
        LatencyPredictor.Bound alone = lastAlone.training().predictor().bind(searchSpace);
        List<List<Object>> report = new ArrayList<>();
        report.add(row("second measurement vs first", PredictionReport.of(measurements[0], measurements[1]),
                new Speed(median(measureMs), max(measureMs))));
        report.add(row("lookup table", PredictionReport.of(reference, lut),
                time(candidates, c -> fitted.latencyMs(NetworkPlan.of(searchSpace, c)))));
        report.add(row("predictor (" + last.training().predictor().kind().token() + ", with the table)",
                PredictionReport.of(reference, predicted), time(candidates, predictor::latencyMs)));
        report.add(row("predictor (" + lastAlone.training().predictor().kind().token() + ", without the table)",
                PredictionReport.of(reference, withoutTable),
                time(candidates, alone::latencyMs)));
        List<String> columns = new ArrayList<>(LatencyCommand.REPORT_COLUMNS);
        columns.addAll(List.of("median_ms_per_estimate", "max_ms_per_estimate"));
        System.out.printf("%nLatency of %d networks of %s on %s, against the median of %d measurements of each; "
                        + "each network predicted by models fitted on the other %d folds (seed %d), table of %d "
                        + "layers:%n", n, space.file, profile.conditions(), repeats, folds, seed,
                table.rows().size());
        System.out.print(new Table(columns, report).write(Format.TABLE));
        return Main.DONE;
    }

    /** Milliseconds per estimate: the median, and the slowest. */
    private record Speed(double medianMs, double maxMs) {
    }

    private static List<Object> row(String source, PredictionReport report, Speed speed) {
        List<Object> row = new ArrayList<>(LatencyCommand.reportRow(source, report));
        row.add(speed.medianMs());
        row.add(speed.maxMs());
        return row;
    }

    /** How long {@code estimate} takes per candidate, timed after a first pass has warmed the code up. */
    private static Speed time(List<Candidate> candidates, ToDoubleFunction<Candidate> estimate) {
        candidates.forEach(estimate::applyAsDouble);
        double[] ms = new double[candidates.size()];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            estimate.applyAsDouble(candidates.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Speed(median(ms), max(ms));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
