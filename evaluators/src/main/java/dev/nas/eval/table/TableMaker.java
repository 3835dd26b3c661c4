package dev.nas.eval.table;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Makes a tabular benchmark: every candidate of a (small) space trained once for the space's full epochs, with the
 * evaluator a search uses, and timed once per architecture (latency depends on the architecture only). A table is
 * appended to row by row, so one that stopped is completed where it stopped.
 *
 * @param space    the space whose grid the table covers
 * @param epochs   epochs each candidate trains, one accuracy column each
 * @param seed     the seed of every training
 * @param progress where each row, or each candidate left out, is reported
 */
public record TableMaker(SearchSpace space, int epochs, long seed, Consumer<String> progress) {

    /** Creates {@code file} with its {@code provenance} if it does not exist, and adds every candidate it lacks. */
    public void complete(Path file, List<String> provenance, Evaluator evaluator, LatencyModel latency) {
        TabularBenchmark.create(file, space, epochs, provenance);
        TabularBenchmark done = TabularBenchmark.read(file, space);
        int made = done.rows().size();
        Map<List<BlockChoice>, Double> latencies = new HashMap<>();
        done.rows().forEach(row -> row.latencyMs().ifPresent(ms -> latencies.putIfAbsent(row.candidate().blocks(),
                ms)));
        long size = space.codec().gridSize();
        for (long i = 0; i < size; i++) {
            Optional<Candidate> point = space.codec().gridPoint(i);
            if (point.isEmpty() || done.row(point.get()).isPresent()) {
                continue;
            }
            Candidate candidate = point.get();
            TrainingResult result = evaluator.train(new TrainingRequest((int) i, candidate, epochs, seed), e -> { },
                    () -> false);
            if (!(result instanceof Trained trained)) {
                progress.accept(String.format("%s failed (%s); left out of the table", candidate.key(),
                        ((Failed) result).reason()));
                continue;
            }
            double latencyMs = latencies.computeIfAbsent(candidate.blocks(), blocks -> timed(latency, candidate));
            Cost cost = Cost.of(NetworkPlan.of(space, candidate));
            TableRow row = TableRow.ofOneRun(candidate,
                    trained.epochs().stream().map(e -> Math.round(e.validationAccuracy() * 1e5) / 1e5).toList(),
                    OptionalDouble.of(latencyMs), OptionalLong.of(cost.params()), OptionalLong.of(cost.macs()));
            TabularBenchmark.append(file, space, row);
            made++;
            progress.accept(String.format("%d/%d  acc %.3f  %.3f ms  %s", made, size, row.accuracy(), latencyMs,
                    candidate.key()));
        }
    }

    /**
     * Rewrites {@code file} with every architecture timed again in one pass, its provenance followed by
     * {@code note}; the rewrite replaces the table in one rename, so the table is never half remeasured.
     */
    public void remeasure(Path file, String note, LatencyModel latency) throws IOException {
        TabularBenchmark table = TabularBenchmark.read(file, space);
        Map<List<BlockChoice>, Double> latencies = new HashMap<>();
        for (TableRow row : table.rows()) {
            latencies.computeIfAbsent(row.candidate().blocks(), blocks -> {
                double ms = timed(latency, row.candidate());
                progress.accept(String.format("%d  %.4f ms  %s", latencies.size() + 1, ms, row.candidate().key()));
                return ms;
            });
        }
        List<String> provenance = new ArrayList<>(table.provenance());
        provenance.add(String.format(note, latencies.size()));
        Path rewritten = file.resolveSibling(file.getFileName() + ".remeasured");
        Files.deleteIfExists(rewritten);
        TabularBenchmark.create(rewritten, space, epochs, table.runs(), provenance);
        for (TableRow row : table.rows()) {
            TabularBenchmark.append(rewritten, space, new TableRow(row.candidate(), row.runs(),
                    OptionalDouble.of(latencies.get(row.candidate().blocks())), row.params(), row.flops()));
        }
        Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Milliseconds to four decimals: what a table's latency column holds. */
    private static double timed(LatencyModel latency, Candidate candidate) {
        return Math.round(latency.latency(candidate).medianMs() * 1e4) / 1e4;
    }
}
