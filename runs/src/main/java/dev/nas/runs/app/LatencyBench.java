package dev.nas.runs.app;

import dev.nas.core.trial.Conditions;
import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.experiment.Estimate;
import dev.nas.latency.experiment.KFoldExperiment;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.BadInput;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceSource;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The latency benchmark: {@code n} networks sampled from a space are measured whole {@code repeats} times, and their
 * latency predicted by the lookup table and by learned predictors, each network by models that never saw it
 * ({@code folds}-fold cross-validation). Estimates are scored against the median of each network's measurements, a
 * second measurement against the first gives the noise floor, and each estimate is timed. The models train on the
 * first measurement, as they would in use; the reference takes the median of several so that what is scored is the
 * estimate's error more than the reference's noise.
 */
public record LatencyBench(int n, int folds, long seed, int repeats) {

    public LatencyBench {
        if (repeats < 2) {
            throw new BadInput("--repeats must be at least 2, got " + repeats);
        }
    }

    /** One way of estimating, how it did, and how long an estimate takes: the median and the slowest. */
    public record Row(Estimate estimate, double medianMs, double maxMs) {
    }

    /** Rows for the noise floor, the table, and the predictor with and without it; {@code table}, its layers. */
    public record Result(List<Row> rows, Conditions conditions, int tableLayers) {
    }

    /** Measures and profiles what {@code device} lacks, then runs the benchmark on this (quiet) machine. */
    public Result run(SpaceSource source, DeviceProfile device, PrintStream out) {
        SearchSpace space = source.space();
        device.checkMeasuredHere();
        List<Candidate> candidates = LatencySheet.sample(space, n, seed);
        double[][] measurements = new double[repeats][n];
        double[] measureMs = new double[n];
        LatencySpec.Engine engine = SearchLatency.engine(device, space, Optional.empty());
        try (WorkerLatency worker = new WorkerLatency(source, engine)) {
            var here = worker.conditions();
            out.printf("nas: measuring %d networks of %s whole on %s%n", n, source.origin(), here);
            device.measure(candidates, worker, engine, here, out::println);
            device.profile(space, worker, engine, here, out::println);
            for (int r = 1; r < repeats; r++) {
                out.printf("nas: measuring every network again (%d/%d), for the reference, the noise floor and the "
                        + "time a measurement takes%n", r + 1, repeats);
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    measurements[r][i] = worker.latency(candidates.get(i)).medianMs();
                    measureMs[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Map<List<BlockChoice>, MeasuredNetwork> measured = new HashMap<>();
        device.networks(space).forEach(network -> measured.putIfAbsent(network.candidate().blocks(), network));
        List<MeasuredNetwork> networks = candidates.stream().map(c -> measured.get(c.blocks())).toList();
        measurements[0] = networks.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        double[] reference = IntStream.range(0, n).mapToDouble(i -> ThroughputBench.median(IntStream.range(0, repeats)
                .mapToDouble(r -> measurements[r][i]).toArray())).toArray();
        LookupTable table = device.tableFor(space);
        KFoldExperiment folded = KFoldExperiment.run(space, table, networks, folds, seed, device.name(),
                line -> out.println("nas: " + line));
        LatencyPredictor.Bound with = folded.lastWith().bind(space);
        LatencyPredictor.Bound without = folded.lastWithout().bind(space);
        return new Result(List.of(
                new Row(new Estimate("second measurement vs first", PredictionReport.of(measurements[0],
                        measurements[1])), ThroughputBench.median(measureMs),
                        Arrays.stream(measureMs).max().orElse(Double.NaN)),
                timed(new Estimate("lookup table", PredictionReport.of(reference, folded.lut())), candidates,
                        c -> folded.lastFit().latencyMs(NetworkPlan.of(space, c))),
                timed(new Estimate("predictor (" + folded.lastWith().label() + ", with the table)",
                        PredictionReport.of(reference, folded.withTable())), candidates, with::latencyMs),
                timed(new Estimate("predictor (" + folded.lastWithout().label() + ", without the table)",
                        PredictionReport.of(reference, folded.withoutTable())), candidates, without::latencyMs)),
                device.conditions(), table.rows().size());
    }

    /** {@code estimate} with the time {@code estimator} takes per candidate, after a first pass warmed it up. */
    private static Row timed(Estimate estimate, List<Candidate> candidates, ToDoubleFunction<Candidate> estimator) {
        candidates.forEach(estimator::applyAsDouble);
        double[] ms = new double[candidates.size()];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            estimator.applyAsDouble(candidates.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Row(estimate, ThroughputBench.median(ms), Arrays.stream(ms).max().orElse(Double.NaN));
    }
}
