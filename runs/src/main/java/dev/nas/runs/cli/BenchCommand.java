package dev.nas.runs.cli;

import dev.nas.runs.app.ThroughputBench;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
    long seed;

    @Override
    public Integer call() {
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
                ThroughputBench.median(measured.stream().mapToDouble(ThroughputBench.Network::imagesPerSecond)
                        .toArray()), Runtime.getRuntime().availableProcessors(),
                ThroughputBench.median(measured.stream().mapToDouble(n -> n.latency().medianMs()).toArray()),
                measured.isEmpty() ? "" : measured.get(measured.size() - 1).latency().conditions().backend());
        return Main.DONE;
    }
}
