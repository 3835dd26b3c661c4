package dev.nas.core.storage;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.time.Instant;
import java.util.List;

/**
 * Keeps one study's trials and its Pareto front. Finished trials are never changed; a trial's outcome and the
 * front it implies are written together, so no reader ever sees one without the other.
 */
public interface Storage extends AutoCloseable {

    /** Every trial, ordered by number. */
    List<Trial> trials();

    /** Records a new, running trial; its number must not be taken. */
    void insert(Trial running);

    /**
     * Records an epoch a running trial has completed, and {@code now} as its heartbeat, atomically; epochs recorded
     * before with the same or a higher number are replaced (the trial started over).
     */
    void recordEpoch(int trial, EpochRecord epoch, Instant now);

    /** The epochs a running trial has recorded so far, in order. */
    List<EpochRecord> epochsSoFar(int trial);

    /** Records how a running trial ended and the new front (trial numbers), atomically. */
    void finish(Trial finished, List<Integer> front);

    /** Trial numbers of the front as last written. */
    List<Integer> front();

    @Override
    void close();
}
