package dev.nas.core.storage;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps one study's trials and its Pareto front, for any number of workers at once. Each worker holds the trials it
 * claimed until they finish; finished trials are never changed; a trial's outcome and the front it implies are
 * written together, so no reader ever sees one without the other.
 */
public interface Storage extends AutoCloseable {

    /** Every trial, ordered by number. */
    List<Trial> trials();

    /**
     * The trials of an earlier study (or a tabular benchmark) this study was warm-started with, oldest first,
     * numbered from -n to -1: what its controller knows before its own first trial. They are not the study's own
     * trials: not in {@link #trials()}, the budget or the front. Written when the study was made, never changed.
     */
    List<Trial> warmTrials();

    /** The candidates queued to be tried first, in order of their positions, taken by a trial or not. */
    List<Queued> queue();

    /**
     * Queues {@code candidates}, in order, after every candidate queued before, in one step that excludes every
     * claim; returns them as queued.
     *
     * @param source where they come from, for the record: {@code --key}, or an architecture file
     */
    List<Queued> enqueue(List<Candidate> candidates, String source, Instant now);

    /**
     * Claims the next trial to run, in one step that excludes every other claim and finish on the study, so that two
     * workers never take the same decision and the budget is never spent twice. {@code choose} sees every trial and
     * the running ones no worker holds any more, and returns either a new trial, numbered next, to record as
     * running, or one of those abandoned trials to take over, or nothing. What it returns is this worker's until it
     * finishes or this worker's lease on it lapses. The queue {@code choose} sees is the study's as of the claim.
     */
    Optional<Trial> claim(Function<Claimable, Optional<Trial>> choose);

    /**
     * Records an epoch a trial this worker holds has completed, which also renews the lease; epochs recorded before
     * with the same or a higher number are replaced (the trial started over).
     *
     * @throws LeaseLost if another worker took the trial over
     */
    void recordEpoch(int trial, EpochRecord epoch);

    /** The epochs a running trial has recorded so far, in order. */
    List<EpochRecord> epochsSoFar(int trial);

    /**
     * Records how a trial this worker holds ended and the new front, computed by {@code frontOf} from every trial
     * with this one finished, in one step that excludes every other finish.
     *
     * @throws LeaseLost if another worker took the trial over
     */
    void finish(Trial finished, Function<List<Trial>, List<Integer>> frontOf);

    /** Trial numbers of the front as last written. */
    List<Integer> front();

    @Override
    void close();
}
