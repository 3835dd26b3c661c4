package dev.nas.runs.cli;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.table.TableRow;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.latency.Machine;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.runs.output.Output;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.commons.codec.digest.DigestUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes a tabular benchmark: trains every candidate of a (small) space once with the project's own evaluator,
 * recording validation accuracy after every epoch of that one run (as NAS-Bench-201 does), and measures its
 * latency in the latency worker. Rows are appended as they are made; run it again to finish an interrupted table.
 */
@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains every candidate of a space once and writes a tabular benchmark (CSV).",
            "Search it without training: nas --space FILE --objective table:CSV; compare controllers on it: "
                + "nas compare."})
final class TableCommand implements Callable<Integer> {

    @Option(names = "--space", paramLabel = "FILE", required = true, description = "The search space, in YAML.")
    Path space;

    @Option(names = "--out", paramLabel = "CSV", required = true,
            description = "The table to write, or to complete if it exists.")
    Path out;

    @Option(names = "--images", paramLabel = "N", defaultValue = "1000",
            description = "Training images, from the embedded data (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--validation-images", paramLabel = "N", defaultValue = "500",
            description = "Validation images (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the split and of every training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--remeasure-latency",
            description = "Time every architecture of the finished table again and rewrite its latency_ms column "
                    + "(for a table made on a busy machine: run this on a quiet one).")
    boolean remeasure;

    @Override
    public Integer call() throws Exception {
        String yaml = Files.readString(space);
        SearchSpace searchSpace = SpaceLoader.parse(yaml, space.toString());
        // A table is completed where it stopped, so an existing one is no reason to stop; a study's file is.
        new Output("--out", out, true).checkFile();
        if (remeasure) {
            return remeasure(yaml, searchSpace);
        }
        int epochs = searchSpace.training().epochs().max();
        long size = searchSpace.codec().gridSize();
        Split split = Split.stratified(Dataset.embedded().train().head(images + validation),
                (double) validation / (images + validation), seed);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(searchSpace, split);
        try (WorkerLatency worker = new WorkerLatency(yaml, space.toString())) {
            TabularBenchmark.create(out, searchSpace, epochs, List.of(
                    "Tabular benchmark of " + space + " (SHA-256 " + DigestUtils.sha256Hex(yaml) + "), made with",
                    "  java -jar nas.jar table --space " + space + " --out " + out + " --images " + images
                            + " --validation-images " + validation + " --seed " + seed,
                    "data: the first " + (images + validation) + " images of the embedded Fashion-MNIST subset, "
                            + validation + " held out for validation (stratified, seed " + seed + ")",
                    "training: " + epochs + " epochs per candidate, accuracy_epoch_N after epoch N of that one run",
                    "latency: batch 1, one thread, in the latency worker (timed paced by a reference network), once "
                            + "per architecture, on "
                            + Machine.cpu() + ", Java " + Runtime.version(),
                    "started " + Instant.now()));
            TabularBenchmark done = TabularBenchmark.read(out, searchSpace);
            int made = done.rows().size();
            Map<List<BlockChoice>, Double> latencies = new HashMap<>();
            done.rows().forEach(row -> row.latencyMs().ifPresent(ms -> latencies.putIfAbsent(row.candidate().blocks(),
                    ms)));
            for (long i = 0; i < size; i++) {
                Optional<Candidate> point = searchSpace.codec().gridPoint(i);
                if (point.isEmpty() || done.row(point.get()).isPresent()) {
                    continue;
                }
                Candidate candidate = point.get();
                TrainingResult result = evaluator.train(new TrainingRequest((int) i, candidate, epochs, seed),
                        e -> { }, () -> false);
                if (!(result instanceof Trained trained)) {
                    System.err.printf("nas: %s failed (%s); left out of the table%n", candidate.key(),
                            ((Failed) result).reason());
                    continue;
                }
                // Latency depends on the architecture only: one measurement serves all its hyperparameters.
                double latencyMs = latencies.computeIfAbsent(candidate.blocks(),
                        blocks -> Math.round(worker.latency(candidate).medianMs() * 1e4) / 1e4);
                Cost cost = Cost.of(NetworkPlan.of(searchSpace, candidate));
                TableRow row = new TableRow(candidate,
                        trained.epochs().stream().map(e -> Math.round(e.validationAccuracy() * 1e5) / 1e5).toList(),
                        OptionalDouble.of(latencyMs), OptionalLong.of(cost.params()),
                        OptionalLong.of(cost.macs()));
                TabularBenchmark.append(out, searchSpace, row);
                made++;
                System.out.printf("%d/%d  acc %.3f  %.3f ms  %s%n", made, size, row.accuracy(), latencyMs,
                        candidate.key());
            }
        }
        return Main.DONE;
    }


    /** Rewrites the table with every architecture timed again, in one pass on this (quiet) machine. */
    private int remeasure(String yaml, SearchSpace searchSpace) throws Exception {
        TabularBenchmark table = TabularBenchmark.read(out, searchSpace);
        Map<List<BlockChoice>, Double> latencies = new HashMap<>();
        try (WorkerLatency worker = new WorkerLatency(yaml, space.toString())) {
            for (TableRow row : table.rows()) {
                latencies.computeIfAbsent(row.candidate().blocks(), blocks -> {
                    double ms = Math.round(worker.latency(row.candidate()).medianMs() * 1e4) / 1e4;
                    System.out.printf("%d  %.4f ms  %s%n", latencies.size() + 1, ms, row.candidate().key());
                    return ms;
                });
            }
        }
        List<String> provenance = new ArrayList<>(table.provenance());
        provenance.add("latency re-measured for all " + latencies.size() + " architectures at " + Instant.now()
                + " with --remeasure-latency (timed paced by a reference network), on " + Machine.cpu());
        Path rewritten = out.resolveSibling(out.getFileName() + ".remeasured");
        Files.deleteIfExists(rewritten);
        TabularBenchmark.create(rewritten, searchSpace, searchSpace.training().epochs().max(), provenance);
        for (TableRow row : table.rows()) {
            TabularBenchmark.append(rewritten, searchSpace, new TableRow(row.candidate(), row.accuracyByEpoch(),
                    OptionalDouble.of(latencies.get(row.candidate().blocks())), row.params(), row.flops()));
        }
        Files.move(rewritten, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Main.DONE;
    }
}
