package dev.nas.core.storage;

import dev.nas.core.trial.Trial;
import java.util.List;

/**
 * What a claim chooses from: every trial of the study, the running ones whose worker is gone (its lease lapsed, or
 * it was the search before this one on a study only one search opens), oldest first, and the study's queue of
 * candidates to try first, taken or not, in order.
 */
public record Claimable(List<Trial> trials, List<Trial> abandoned, List<Queued> queue) {

    public Claimable {
        trials = List.copyOf(trials);
        abandoned = List.copyOf(abandoned);
        queue = List.copyOf(queue);
    }

    /** A study with nothing queued. */
    public Claimable(List<Trial> trials, List<Trial> abandoned) {
        this(trials, abandoned, List.of());
    }
}
