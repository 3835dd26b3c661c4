package dev.nas.core.storage;

import dev.nas.core.trial.Trial;
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

    /** Records how a running trial ended and the new front (trial numbers), atomically. */
    void finish(Trial finished, List<Integer> front);

    /** Trial numbers of the front as last written. */
    List<Integer> front();

    @Override
    void close();
}
