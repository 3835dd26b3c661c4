package dev.nas.runs.cli;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what a search spends its night on, for networks sampled from a space: training throughput (images per
 * second, all cores) and batch-1 inference latency (one thread, in the latency worker). Medians of repeated runs;
 * the figures belong in the README, not in tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks training throughput and batch-1 latency of networks sampled from a space.",
            "Prints one row per network and the medians over them."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--space", paramLabel = "FILE", required = true, description = "The search space, in YAML.")
    Path space;

    @Option(names = "--networks", paramLabel = "N", defaultValue = "8",
            description = "Networks to sample (default: ${DEFAULT-VALUE}).")
    int networks;

    @Option(names = "--images", paramLabel = "N", defaultValue = "4000",
            description = "Training images per timed epoch, from the embedded data (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Timed epochs per network; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        String yaml = Files.readString(space);
        SearchSpace searchSpace = SpaceLoader.parse(yaml, space.toString());
        Split split = Split.stratified(Dataset.embedded().train().head(images + 500), 500.0 / (images + 500), seed);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(searchSpace, split);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Object>> rows = new ArrayList<>();
        double[] throughputs = new double[networks];
        double[] latencies = new double[networks];
        String backend = "";
        try (WorkerLatency worker = new WorkerLatency(yaml, space.toString())) {
            for (int n = 0; n < networks; n++) {
                Candidate candidate = searchSpace.codec().sample(random);
                double[] runs = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    TrainingResult result = evaluator.train(new TrainingRequest(n, candidate, 1, seed + r), e -> { },
                            () -> false);
                    runs[r] = result instanceof Trained trained ? trained.imagesPerSecond() : Double.NaN;
                }
                Latency latency = worker.latency(candidate);
                backend = latency.conditions().backend();
                NetworkPlan plan = NetworkPlan.of(searchSpace, candidate);
                Cost cost = Cost.of(plan);
                throughputs[n] = median(runs);
                latencies[n] = latency.medianMs();
                rows.add(Table.row(n, plan.layers().size(), cost.params(), cost.macs(), throughputs[n],
                        latency.medianMs(), latency.spreadMs(), candidate.key()));
                System.out.printf("network %d: %.0f images/s, %.3f ms%n", n, throughputs[n], latency.medianMs());
            }
        }
        System.out.println();
        System.out.print(new Table(List.of("network", "layers", "params", "macs", "train_images_per_s",
                "latency_ms", "latency_iqr_ms", "key"), rows).write(Format.TABLE));
        System.out.printf("%nmedian over %d networks of %s: training %.0f images/s (%d threads, batch as sampled),"
                        + " batch-1 latency %.3f ms (1 thread)%nbackend: %s%n", networks, space, median(throughputs),
                Runtime.getRuntime().availableProcessors(), median(latencies), backend);
        return Main.DONE;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
