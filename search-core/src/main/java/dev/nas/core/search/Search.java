package dev.nas.core.search;

import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.scoring.Reward;
import dev.nas.core.storage.LeaseLost;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Pruned;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.Candidate;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.Footprint;
import dev.nas.space.plan.NetworkPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a study to the end of its budget, as one of any number of workers: ask, train, time, tell. Trials a worker
 * that is gone left running are taken over first, from the epochs they recorded; a trial this worker loses to
 * another (its lease lapsed) is dropped without an outcome. Anything that goes wrong inside a candidate (an
 * exception, running out of memory, a latency that cannot be measured, the trial's time limit) becomes a failed
 * trial; only
 * {@code maxConsecutiveFailures} failures in a row stop the search, since then the fault is not the candidates'.
 * {@link #stop()}, from another thread, ends the search after the current batch, leaving the trial in flight to be
 * continued.
 */
public final class Search {

    /** How often a worker with nothing to do asks again while other workers' trials run. */
    private static final Duration ASK_AGAIN = Duration.ofMillis(500);

    private final Study study;
    private final Evaluator evaluator;
    private final LatencyModel latency;
    private final SearchListener listener;
    private final InstantSource clock;
    private final Limits limits;
    private volatile boolean stopRequested;

    /**
     * When a search gives up on a trial, or on itself.
     *
     * @param maxConsecutiveFailures failed trials in a row that stop the search
     * @param trialTimeLimit         training time after which a trial fails, if any
     * @param pruner                 what ends a trial whose learning curve falls behind
     */
    public record Limits(int maxConsecutiveFailures, Optional<Duration> trialTimeLimit, Pruner pruner) {

        public static final Limits DEFAULT = new Limits(10, Optional.empty());

        /** Limits without pruning. */
        public Limits(int maxConsecutiveFailures, Optional<Duration> trialTimeLimit) {
            this(maxConsecutiveFailures, trialTimeLimit, Pruner.NONE);
        }

        public Limits {
            if (maxConsecutiveFailures < 1) {
                throw new IllegalArgumentException("maxConsecutiveFailures must be positive, got "
                        + maxConsecutiveFailures);
            }
            if (trialTimeLimit.isPresent() && (trialTimeLimit.get().isNegative() || trialTimeLimit.get().isZero())) {
                throw new IllegalArgumentException("the trial time limit must be positive, got "
                        + trialTimeLimit.get());
            }
        }
    }

    public Search(Study study, Evaluator evaluator, LatencyModel latency, SearchListener listener,
                  InstantSource clock, Limits limits) {
        this.study = study;
        this.evaluator = evaluator;
        this.latency = latency;
        this.listener = listener;
        this.clock = clock;
        this.limits = limits;
    }

    /** Asks the search to end soon: after the current batch of training, or once the current timing is done. */
    public void stop() {
        stopRequested = true;
    }

    /** Searches until the budget is spent, the controller stops, or {@link #stop()}; returns how it ended. */
    public Result run() {
        Instant start = clock.instant();
        double spentBefore = study.spent();
        int failuresInARow = 0;
        boolean waiting = false;
        while (!stopRequested) {
            Optional<Trial> next = study.ask();
            if (next.isEmpty()) {
                List<Trial> inFlight = study.running();
                if (inFlight.isEmpty()) {
                    return new Result(Ending.DONE, "budget spent or nothing left to try");
                }
                // Other workers' trials hold the rest of the budget, or the controller waits for them: one may yet
                // be abandoned, to take over, or end with nothing left to try; so this worker waits and asks again.
                if (!waiting) {
                    listener.waiting(inFlight);
                }
                waiting = true;
                pause();
                continue;
            }
            waiting = false;
            Trial trial = next.get();
            List<EpochRecord> done = study.epochsSoFar(trial);
            listener.trialStarted(trial, done.size());
            Trial finished;
            try {
                Optional<Outcome> outcome = evaluate(trial, done);
                if (outcome.isEmpty()) {
                    break;
                }
                finished = study.tell(trial, outcome.get());
            } catch (LeaseLost e) {
                listener.trialLost(trial, e.getMessage());
                continue;
            }
            if (finished.state() == TrialState.FAILED || finished.state() == TrialState.PRUNED) {
                evaluator.discard(finished.number());
            }
            failuresInARow = finished.state() == TrialState.FAILED ? failuresInARow + 1 : 0;
            listener.trialFinished(finished, progress(start, spentBefore));
            if (failuresInARow >= limits.maxConsecutiveFailures()) {
                String reason = ((Failed) finished.outcome().orElseThrow()).reason();
                return new Result(Ending.FAILURES, failuresInARow + " trials failed in a row; the last one: "
                        + reason);
            }
        }
        List<String> left = study.running().stream().map(t -> "trial " + t.number() + " after epoch "
                + study.epochsSoFar(t).stream().mapToInt(EpochRecord::epoch).max().orElse(0)).toList();
        return new Result(Ending.STOPPED, "stopped on request" + (left.isEmpty() ? ""
                : "; continuing will resume " + String.join(", ", left)));
    }

    private static void pause() {
        try {
            Thread.sleep(ASK_AGAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other workers' trials", e);
        }
    }

    /** How a run ended, in words. */
    public record Result(Ending ending, String message) {
    }

    public enum Ending {
        /** The budget is spent, or the controller has nothing left to try. */
        DONE,
        /** Too many trials failed in a row. */
        FAILURES,
        /** {@link #stop()} was called; the study can be continued. */
        STOPPED
    }

    /** The trial's outcome, or empty if the search was stopped before it had one. */
    private Optional<Outcome> evaluate(Trial trial, List<EpochRecord> done) {
        List<EpochRecord> epochs = new ArrayList<>(done);
        Optional<Instant> deadline = limits.trialTimeLimit().map(clock.instant()::plus);
        BooleanSupplier outOfTime = () -> deadline.isPresent() && clock.instant().isAfter(deadline.get());
        List<String> pruned = new ArrayList<>();
        try {
            TrainingRequest request = new TrainingRequest(trial.number(), trial.candidate(), trial.parent(),
                    trial.epochs(), trial.seed(), done, Optional.ofNullable(trial.attributes()
                    .get(Decision.INHERIT_FROM)).map(Integer::parseInt));
            TrainingResult result = evaluator.train(request, epoch -> {
                study.epochEnded(trial, epoch);
                epochs.removeIf(e -> e.epoch() >= epoch.epoch());
                epochs.add(epoch);
                listener.epochEnded(trial, epoch);
                if (limits.pruner() != Pruner.NONE && epoch.epoch() < request.lastEpoch()) {
                    limits.pruner().verdict(trial, epoch, study.trials(), study.spec()).ifPresent(pruned::add);
                }
            }, () -> stopRequested || outOfTime.getAsBoolean() || !pruned.isEmpty());
            if (result instanceof Trained trained) {
                return Optional.of(completed(trial, trained));
            }
            if (stopRequested) {
                return Optional.empty();
            }
            if (result instanceof Stopped stopped && !pruned.isEmpty()) {
                return Optional.of(new Pruned(pruned.get(0), stopped.epochs()));
            }
            if (result instanceof Stopped stopped) {
                return Optional.of(new Failed("time limit of " + limits.trialTimeLimit().orElseThrow()
                        + " exceeded after " + stopped.epochs().size() + " of " + trial.epochs() + " epochs",
                        stopped.epochs()));
            }
            return Optional.of((Failed) result);
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Whatever goes wrong while stopping (a latency worker killed by the same Ctrl-C) is not the candidate's.
            return stopRequested ? Optional.empty() : Optional.of(new Failed(describe(e), epochs));
        }
    }

    private Completed completed(Trial trial, Trained trained) {
        Candidate candidate = trial.candidate();
        // Read once: a study in a database reads every trial for it.
        List<Evaluation> sameBlocks = study.trials().stream()
                .filter(t -> t.candidate().blocks().equals(candidate.blocks()))
                .flatMap(t -> t.evaluation().stream())
                .toList();
        Latency measured = earlier(sameBlocks, e -> Optional.of(e.latency()))
                .orElseGet(() -> latency.latency(candidate));
        Optional<Latency> compared = earlier(sameBlocks, Evaluation::comparedLatency)
                .or(() -> latency.compared(candidate));
        NetworkPlan plan = NetworkPlan.of(study.spec().space(), candidate);
        Cost cost = Cost.of(plan);
        Footprint footprint = Footprint.of(plan, cost, study.spec().space().objective().latency().precision());
        return new Completed(new Evaluation(trained.epochs(), measured, cost, trained.seconds(),
                trained.imagesPerSecond(), trained.quantized(), compared, footprint.with(trained.measures())));
    }

    /**
     * A network's latency depends on its blocks, not on its weights or how it was trained, so each architecture is
     * timed once per study: a promoted trial, a PBT member or a later candidate with the same blocks takes the
     * latency recorded before. This spares a measurement per promotion and keeps one network at one latency on every
     * rung, where measuring again would move it by the machine's noise.
     */
    private static <T> Optional<T> earlier(List<Evaluation> sameBlocks, Function<Evaluation, Optional<T>> recorded) {
        return sameBlocks.stream().flatMap(e -> recorded.apply(e).stream()).findFirst();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private Progress progress(Instant start, double spentBefore) {
        List<Trial> trials = study.trials();
        ObjectiveSpec objective = study.spec().objective();
        Optional<Trial> best = study.spec().best(trials);
        double bestReward = best.map(t -> Reward.of(objective, t.evaluation().orElseThrow().scores()))
                .orElse(Double.NaN);
        double spent = study.spent();
        return new Progress(spent, study.spec().budget(), trials.size(), best, bestReward, study.front().size(),
                Duration.between(start, clock.instant()), spent - spentBefore);
    }
}
