package dev.nas.core.study;

import dev.nas.core.storage.Claimable;
import dev.nas.core.storage.Queued;
import dev.nas.core.storage.Storage;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Coordinates one search, ask/tell style (as Optuna's {@code Study}): {@link #ask()} gets the next trial, within the
 * budget, and records it as running; {@link #tell(Trial, Outcome)} records how it ended, together with the new Pareto
 * front. The next trial is a candidate from the study's queue while one waits there, in order (Optuna's
 * {@code enqueue_trial}), else the controller's proposal, made knowing the trials the study was warm-started with.
 *
 * <pre>{@code
 * Study study = new Study(spec, storage, new RandomSearch(), InstantSource.system());
 * for (Optional<Trial> t = study.ask(); t.isPresent(); t = study.ask()) {
 *     study.tell(t.get(), evaluate(t.get()));
 * }
 * }</pre>
 */
public final class Study {

    private static final double EPSILON = 1e-9;
    /** New draws asked of a controller whose answer another worker is running, before it is taken anyway. */
    private static final int REDRAWS = 16;

    /**
     * The attribute of a trial that took a candidate from the queue: its position there. The queue is never changed
     * by taking from it: what waits is what no trial has taken, so a candidate is taken once, in the same step that
     * records its trial, whatever stops the search.
     */
    public static final String ENQUEUED = "enqueued";

    private final StudySpec spec;
    private final Storage storage;
    private final Controller controller;
    private final InstantSource clock;
    /** The warm-start trials, read once: they never change. */
    private List<Trial> warm;

    public Study(StudySpec spec, Storage storage, Controller controller, InstantSource clock) {
        this.spec = spec;
        this.storage = storage;
        this.controller = controller;
        this.clock = clock;
    }

    public StudySpec spec() {
        return spec;
    }

    /**
     * The next trial, now running and this worker's: a trial whose worker is gone, taken over as it was, or else a new
     * one from the controller; empty when the budget is spent or the controller has nothing left to try. Trials other
     * workers are running count as spent, so the budget is never over-spent.
     */
    public Optional<Trial> ask() {
        List<Trial> known = warmTrials();
        return storage.claim(claimable -> claimable.abandoned().isEmpty() ? next(claimable, known)
                : Optional.of(claimable.abandoned().get(0)));
    }

    /** The trials this study was warm-started with, numbered -n to -1; empty for most studies. */
    public List<Trial> warmTrials() {
        if (warm == null) {
            warm = storage.warmTrials();
        }
        return warm;
    }

    private Optional<Trial> next(Claimable claimable, List<Trial> known) {
        List<Trial> trials = claimable.trials();
        double spent = spec.spent(trials);
        if (spent >= spec.budget() - EPSILON) {
            return Optional.empty();
        }
        Optional<Queued> queued = waiting(claimable.queue(), trials).stream().findFirst();
        Decision.Start start;
        if (queued.isPresent()) {
            // Trained as the user asked, in full: no controller chose it, so none continues or copies it.
            start = new Decision.Start(queued.get().candidate(), spec.fullEpochs(),
                    Map.of(ENQUEUED, Integer.toString(queued.get().position())));
        } else {
            for (int redraw = 0; ; redraw++) {
                if (!(controller.ask(new StudyView(spec, trials, known, redraw))
                        instanceof Decision.Start proposed)) {
                    return Optional.empty();
                }
                start = proposed;
                if (redraw == REDRAWS || !isRunning(start, trials)) {
                    break;
                }
            }
        }
        if (spent + (double) start.epochs() / spec.fullEpochs() > spec.budget() + EPSILON) {
            return Optional.empty();
        }
        start.parent().ifPresent(parent -> checkParent(parent, trials));
        int number = trials.size();
        return Optional.of(Trial.start(number, start.candidate(), Seeds.training(spec.seed(), number), start.parent(),
                start.epochs(), start.attributes(), clock.instant()));
    }

    /** The queued candidates no trial of {@code trials} has taken, in order. */
    public static List<Queued> waiting(List<Queued> queue, List<Trial> trials) {
        Set<String> taken = trials.stream().map(t -> t.attributes().get(ENQUEUED)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return queue.stream().filter(q -> !taken.contains(Integer.toString(q.position()))).toList();
    }

    /** A fresh candidate another worker is training right now: training it twice at once would learn nothing. */
    private static boolean isRunning(Decision.Start start, List<Trial> trials) {
        return start.parent().isEmpty() && trials.stream().anyMatch(t -> t.outcome().isEmpty()
                && t.parent().isEmpty() && t.candidate().equals(start.candidate()));
    }

    /**
     * A controller may continue only from a completed trial of this study, at the fidelity it reached: never from a
     * warm-start trial, whose weights are not in the study ({@link Parent} has no number below 0).
     */
    private static void checkParent(Parent parent, List<Trial> trials) {
        Trial trial = parent.trial() < trials.size() ? trials.get(parent.trial()) : null;
        if (trial == null || trial.evaluation().isEmpty() || trial.fidelity() != parent.epochs()) {
            throw new IllegalStateException("controller asked to continue from " + parent + ", but that trial "
                    + (trial == null ? "does not exist" : "is " + trial.state() + " at " + trial.fidelity()
                    + " epochs"));
        }
    }

    /** Records how a running trial ended, and the Pareto front that results, in one step. */
    public Trial tell(Trial running, Outcome outcome) {
        Trial finished = running.finish(outcome, clock.instant());
        storage.finish(finished, trials -> spec.front(trials).stream().map(Trial::number).toList());
        return finished;
    }

    /** Trials running now, by any worker, or left running by one that is gone; oldest first. */
    public List<Trial> running() {
        return storage.trials().stream().filter(t -> t.outcome().isEmpty()).toList();
    }

    /** Records an epoch a running trial of this worker's has completed. */
    public void epochEnded(Trial running, EpochRecord epoch) {
        storage.recordEpoch(running.number(), epoch);
    }

    /** The epochs a running trial has completed so far. */
    public List<EpochRecord> epochsSoFar(Trial running) {
        return storage.epochsSoFar(running.number());
    }

    public List<Trial> trials() {
        return storage.trials();
    }

    /** The current Pareto front of the trials trained to full fidelity, ordered by latency. */
    public List<Trial> front() {
        return spec.front(storage.trials());
    }

    /** Budget spent, in full-fidelity training equivalents; running trials count what they were asked to train. */
    public double spent() {
        return spec.spent(storage.trials());
    }
}
