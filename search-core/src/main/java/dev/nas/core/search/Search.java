package dev.nas.core.search;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Study;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a study to the end of its budget: ask, train, time, tell. Anything that goes wrong inside a candidate
 * (an exception, running out of memory, a latency that cannot be measured) becomes a failed trial; only
 * {@code maxConsecutiveFailures} failures in a row stop the search, since then the fault is not the candidates'.
 */
public final class Search {

    private final Study study;
    private final Evaluator evaluator;
    private final LatencyModel latency;
    private final SearchListener listener;
    private final InstantSource clock;
    private final int maxConsecutiveFailures;

    public Search(Study study, Evaluator evaluator, LatencyModel latency, SearchListener listener,
                  InstantSource clock, int maxConsecutiveFailures) {
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be positive, got "
                    + maxConsecutiveFailures);
        }
        this.study = study;
        this.evaluator = evaluator;
        this.latency = latency;
        this.listener = listener;
        this.clock = clock;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    /** Searches until the budget is spent or the controller stops; returns how it ended. */
    public Result run() {
        Instant start = clock.instant();
        double spentBefore = study.spent();
        int failuresInARow = 0;
        for (Optional<Trial> next = study.ask(); next.isPresent(); next = study.ask()) {
            Trial trial = next.get();
            listener.trialStarted(trial);
            Trial finished = study.tell(trial, evaluate(trial));
            failuresInARow = finished.state() == TrialState.FAILED ? failuresInARow + 1 : 0;
            listener.trialFinished(finished, progress(start, spentBefore));
            if (failuresInARow >= maxConsecutiveFailures) {
                String reason = ((Failed) finished.outcome().orElseThrow()).reason();
                return new Result(false, failuresInARow + " trials failed in a row; the last one: " + reason);
            }
        }
        return new Result(true, "budget spent or nothing left to try");
    }

    /** How a run ended: {@code completed} unless it was stopped by repeated failures. */
    public record Result(boolean completed, String message) {
    }

    private Outcome evaluate(Trial trial) {
        List<EpochRecord> epochs = new ArrayList<>();
        try {
            TrainingRequest request = new TrainingRequest(trial.number(), trial.candidate(), trial.parent(),
                    trial.epochs(), trial.seed());
            TrainingResult result = evaluator.train(request, epoch -> {
                epochs.add(epoch);
                listener.epochEnded(trial, epoch);
            });
            if (result instanceof Failed failed) {
                return failed;
            }
            Trained trained = (Trained) result;
            Latency measured = latency.latency(trial.candidate());
            Cost cost = Cost.of(NetworkPlan.of(study.spec().space(), trial.candidate()));
            return new Completed(new Evaluation(trained.epochs(), measured, cost, trained.seconds(),
                    trained.imagesPerSecond()));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return new Failed(describe(e), epochs);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private Progress progress(Instant start, double spentBefore) {
        List<Trial> trials = study.trials();
        ObjectiveSpec objective = study.spec().space().objective();
        Optional<Trial> best = study.spec().best(trials);
        double bestReward = best.map(t -> Reward.of(objective, t.evaluation().orElseThrow().scores()))
                .orElse(Double.NaN);
        double spent = study.spent();
        return new Progress(spent, study.spec().budget(), trials.size(), best, bestReward, study.front().size(),
                Duration.between(start, clock.instant()), spent - spentBefore);
    }
}
