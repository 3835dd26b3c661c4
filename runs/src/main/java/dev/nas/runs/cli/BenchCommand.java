package dev.nas.runs.cli;

import static dev.nas.runs.app.ThroughputBench.median;

import dev.nas.eval.dl4j.ProxyScore;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.runs.app.EngineBench;
import dev.nas.runs.app.ProxyBench;
import dev.nas.runs.app.ThroughputBench;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures what a search spends its night on, for networks sampled from a space: training throughput (images per
 * second, all cores) and batch-1 inference latency (one thread, in the latency worker). Medians of repeated runs;
 * the figures belong in the README, not in tests. With --engines, the engines compared instead ({@link EngineBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks training throughput and batch-1 latency of networks sampled from a space.",
            "Prints one row per network and the medians over them. With --engines: DL4J against ONNX Runtime fp32",
            "and int8 (batch-1 latency, Kendall's tau between the engines' rankings, int8 accuracy and size)."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Option(names = "--networks", paramLabel = "N", defaultValue = "8",
            description = "Networks to sample (default: ${DEFAULT-VALUE}).")
    int networks;

    @Option(names = "--images", paramLabel = "N", defaultValue = "4000",
            description = "Training images per timed epoch, from the embedded data (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Timed epochs per network; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--engines", description = "Compare DL4J, ONNX Runtime fp32 and ONNX Runtime int8 instead: each "
            + "network trained --epochs epochs, exported, quantized and timed in each.")
    boolean engines;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "2",
            description = "With --engines: epochs each network trains before its int8 model is scored (default: "
                    + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--proxies", paramLabel = "CSV", description = "Score every candidate of this tabular "
            + "benchmark by zero-cost proxies at initialisation (parameters, NASWOT, synflow, gradient norm) and "
            + "report each proxy's Spearman correlation with the table's final accuracy, instead.")
    Path proxies;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "With --proxies: embedded images in the batch the proxies see (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
    long seed;

    @Override
    public Integer call() {
        if (engines) {
            return engines();
        }
        if (proxies != null) {
            return proxies();
        }
        List<ThroughputBench.Network> measured = new ThroughputBench(networks, images, repeats, seed).run(
                space.source(), n -> System.out.printf("network %d: %.0f images/s, %.3f ms%n", n.number(),
                        n.imagesPerSecond(), n.latency().medianMs()));
        System.out.println();
        System.out.print(new Table(List.of("network", "layers", "params", "macs", "train_images_per_s",
                "latency_ms", "latency_iqr_ms", "key"), measured.stream().map(n -> Table.row(n.number(), n.layers(),
                n.cost().params(), n.cost().macs(), n.imagesPerSecond(), n.latency().medianMs(),
                n.latency().spreadMs(), n.key())).toList()).write(Format.TABLE));
        System.out.printf("%nmedian over %d networks of %s: training %.0f images/s (%d threads, batch as sampled),"
                        + " batch-1 latency %.3f ms (1 thread)%nbackend: %s%n", networks, space.file,
                median(measured.stream().mapToDouble(ThroughputBench.Network::imagesPerSecond)
                        .toArray()), Runtime.getRuntime().availableProcessors(),
                median(measured.stream().mapToDouble(n -> n.latency().medianMs()).toArray()),
                measured.isEmpty() ? "" : measured.get(measured.size() - 1).latency().conditions().backend());
        return Main.DONE;
    }

    private int proxies() {
        if (batch < 2) {
            throw new BadInput("--batch must be at least 2 (NASWOT compares images), got " + batch);
        }
        SearchSpace searchSpace = space.space();
        TabularBenchmark table = TabularBenchmark.read(proxies, searchSpace);
        List<ProxyBench.Scores> scores = new ProxyBench(batch, seed).run(searchSpace, table,
                s -> System.out.printf("%s: accuracy %.4f, %s (%.2f s)%n", s.candidate().key(), s.accuracy(),
                        s.proxies().entrySet().stream().map(e -> e.getKey().token() + " " + String.format("%.4g",
                                e.getValue())).collect(Collectors.joining(", ")), s.seconds()));
        System.out.println();
        System.out.print(new Table(List.of("proxy", "spearman_with_accuracy"), Arrays.stream(ProxyScore.Kind.values())
                .map(kind -> Table.row(kind.token(), ProxyBench.spearman(scores, kind))).toList())
                .write(Format.TABLE));
        System.out.printf("%n%d candidates of %s, accuracy after the table's last epoch; proxies on %d embedded "
                        + "images at initialisation (seed %d), median %.3f s per candidate for all four%n",
                scores.size(), proxies, batch, seed, median(scores.stream().mapToDouble(ProxyBench.Scores::seconds)
                        .toArray()));
        return Main.DONE;
    }

    private int engines() {
        List<EngineBench.Network> measured = new EngineBench(networks, images, epochs, seed).run(space.source(),
                n -> System.out.printf("network %d: DL4J %.3f ms, ONNX Runtime fp32 %.3f ms, int8 %.3f ms; int8 "
                        + "accuracy %+.1f points%n", n.number(), n.dl4j().medianMs(), n.int8().fp32LatencyMs(),
                        n.int8().latencyMs(), 100 * n.int8().accuracyChange()));
        System.out.println();
        System.out.print(new Table(List.of("network", "params", "macs", "dl4j_ms", "ort_fp32_ms", "ort_int8_ms",
                "int8_speed_up", "fp32_accuracy", "int8_accuracy", "size_ratio", "key"), measured.stream()
                .map(n -> Table.row(n.number(), n.cost().params(), n.cost().macs(), n.dl4j().medianMs(),
                        n.int8().fp32LatencyMs(), n.int8().latencyMs(), n.int8().speedUp(), n.int8().fp32Accuracy(),
                        n.int8().accuracy(), n.int8().sizeRatio(), n.key())).toList()).write(Format.TABLE));
        double[] dl4j = measured.stream().mapToDouble(n -> n.dl4j().medianMs()).toArray();
        double[] fp32 = measured.stream().mapToDouble(n -> n.int8().fp32LatencyMs()).toArray();
        double[] int8 = measured.stream().mapToDouble(n -> n.int8().latencyMs()).toArray();
        double[] change = measured.stream().mapToDouble(n -> 100 * n.int8().accuracyChange()).toArray();
        KendallsCorrelation tau = new KendallsCorrelation();
        System.out.printf("%nmedians over %d networks of %s (batch 1, one thread): DL4J %.3f ms, ONNX Runtime fp32 "
                        + "%.3f ms, int8 %.3f ms; DL4J over ONNX Runtime fp32 %.2fx, int8 speed-up %.2fx%n"
                        + "Kendall's tau: DL4J vs ONNX Runtime fp32 %.3f, DL4J vs int8 %.3f, fp32 vs int8 %.3f%n"
                        + "int8 accuracy change (points, %d validation images; epochs trained: %d): median %+.2f, "
                        + "worst %+.2f;"
                        + " int8 size over fp32: median %.3f%nDL4J: %s%n", networks, space.file,
                median(dl4j), median(fp32), median(int8),
                median(measured.stream().mapToDouble(n -> n.dl4j().medianMs() / n.int8().fp32LatencyMs()).toArray()),
                median(measured.stream().mapToDouble(n -> n.int8().speedUp()).toArray()),
                tau.correlation(dl4j, fp32), tau.correlation(dl4j, int8), tau.correlation(fp32, int8),
                measured.get(0).int8().images(), epochs, median(change), Arrays.stream(change).min().orElseThrow(),
                median(measured.stream().mapToDouble(n -> n.int8().sizeRatio()).toArray()),
                measured.get(0).dl4j().conditions().backend());
        System.out.println("ONNX Runtime: " + measured.get(0).int8().timedWith());
        return Main.DONE;
    }
}
