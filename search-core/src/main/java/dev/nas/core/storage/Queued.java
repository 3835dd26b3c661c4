package dev.nas.core.storage;

import dev.nas.space.Candidate;
import java.time.Instant;

/**
 * A candidate queued to be tried before the controller is asked, as Optuna's {@code enqueue_trial} queues one: the
 * baseline a team ships, a design someone wants measured. The study's next trials take queued candidates in order
 * of {@code position}; the trial that takes one records its position (see {@code Study.ENQUEUED}), so a queued
 * candidate is taken exactly once, whatever stops the search.
 *
 * @param position 0-based, in the order candidates were queued
 * @param source   where it was queued from, for the record: {@code --key}, or the architecture file
 */
public record Queued(int position, Candidate candidate, String source, Instant enqueued) {

    public Queued {
        if (position < 0) {
            throw new IllegalArgumentException("a queue position is at least 0, got " + position);
        }
    }
}
