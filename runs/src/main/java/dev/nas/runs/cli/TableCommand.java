package dev.nas.runs.cli;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.table.TableMaker;
import dev.nas.latency.Machine;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.runs.output.Output;
import dev.nas.space.SearchSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.codec.digest.DigestUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SpaceOption space;

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
        SearchSpace searchSpace = space.space();
        // A table is completed where it stopped, so an existing one is no reason to stop; a study's file is.
        new Output("--out", out, true).checkFile();
        TableMaker maker = new TableMaker(searchSpace, searchSpace.training().epochs().max(), seed,
                System.out::println);
        try (WorkerLatency worker = new WorkerLatency(space.source())) {
            if (remeasure) {
                maker.remeasure(out, "latency re-measured for all %d architectures at " + Instant.now()
                        + " with --remeasure-latency (timed paced by a reference network), on " + Machine.cpu(),
                        worker);
                return Main.DONE;
            }
            Split split = Split.stratified(Dataset.embedded().train().head(images + validation),
                    (double) validation / (images + validation), seed);
            maker.complete(out, provenance(maker.epochs()), new Dl4jEvaluator(searchSpace, split), worker);
        }
        return Main.DONE;
    }

    private List<String> provenance(int epochs) {
        return List.of(
                "Tabular benchmark of " + space.file + " (SHA-256 " + DigestUtils.sha256Hex(space.source().yaml())
                        + "), made with",
                "  java -jar nas.jar table --space " + space.file + " --out " + out + " --images " + images
                        + " --validation-images " + validation + " --seed " + seed,
                "data: the first " + (images + validation) + " images of the embedded Fashion-MNIST subset, "
                        + validation + " held out for validation (stratified, seed " + seed + ")",
                "training: " + epochs + " epochs per candidate, accuracy_epoch_N after epoch N of that one run",
                "latency: batch 1, one thread, in the latency worker (timed paced by a reference network), once "
                        + "per architecture, on " + Machine.cpu() + ", Java " + Runtime.version(),
                "started " + Instant.now());
    }
}
