package dev.nas.eval.table;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.space.Candidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Training and latency looked up in a {@link TabularBenchmark} instead of computed: a search costs no training, so
 * controllers can be compared over many seeds. A trial continuing from a parent reads the epochs after the
 * parent's from the same candidate's row, which is exact for successive halving (the same run, continued) and an
 * approximation for population-based training (weights from another member). Training loss is not in tables and
 * is recorded as NaN. A table with several training runs per candidate gives each training the run its seed draws,
 * so that controllers are compared under the noise of real training (a continuing trial has a seed of its own, so it
 * may read another run than its parent's). An epoch may be given a time it takes, spent asleep (no CPU), so that
 * workers, leases and controllers with trials in flight run as they would with real training.
 */
public final class TableObjective implements Evaluator, LatencyModel {

    private final TabularBenchmark table;
    private final Duration epochTime;
    private final Conditions conditions;

    public TableObjective(TabularBenchmark table) {
        this(table, Duration.ZERO);
    }

    public TableObjective(TabularBenchmark table, Duration epochTime) {
        this.table = table;
        this.epochTime = epochTime;
        this.conditions = new Conditions("table " + table.file(), 1, "as recorded in the table", "", "");
    }

    @Override
    public TrainingResult train(TrainingRequest request, Consumer<EpochRecord> onEpoch, BooleanSupplier stop) {
        List<Double> run = row(request.candidate()).run(request.seed());
        int last = request.lastEpoch();
        if (last > run.size()) {
            throw new IllegalArgumentException("the table " + table.file() + " has " + run.size()
                    + " epochs of " + request.candidate().key() + ", trial " + request.trial() + " needs " + last);
        }
        List<EpochRecord> epochs = new ArrayList<>(request.done());
        for (int e = request.firstEpoch() + epochs.size(); e <= last; e++) {
            if (stop.getAsBoolean() || !sleepThroughEpoch(stop)) {
                return new Stopped(epochs);
            }
            EpochRecord record = new EpochRecord(e, Double.NaN, run.get(e - 1), epochTime.toNanos() / 1e9);
            epochs.add(record);
            onEpoch.accept(record);
        }
        return new Trained(epochs, 0, 0, Optional.empty(), row(request.candidate()).columns());
    }

    /** Spends an epoch's time asleep, a little at a time; false if asked to stop meanwhile. */
    private boolean sleepThroughEpoch(BooleanSupplier stop) {
        long end = System.nanoTime() + epochTime.toNanos();
        for (long left = epochTime.toNanos(); left > 0; left = end - System.nanoTime()) {
            if (stop.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public Latency latency(Candidate candidate) {
        TableRow row = row(candidate);
        if (row.latencyMs().isEmpty()) {
            // A table has every latency or none (TabularBenchmark.checkServes): none is a study without latency.
            return Latency.none(conditions);
        }
        return new Latency(row.latencyMs().getAsDouble(), 0, 1, LatencySource.MEASURED, conditions);
    }

    private TableRow row(Candidate candidate) {
        return table.row(candidate).orElseThrow(() -> new IllegalArgumentException(
                "candidate " + candidate.key() + " is not in the table " + table.file()));
    }
}
