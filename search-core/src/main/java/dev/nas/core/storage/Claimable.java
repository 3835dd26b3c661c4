package dev.nas.core.storage;

import dev.nas.core.trial.Trial;
import java.util.List;

/**
 * What a claim chooses from: every trial of the study, and the running ones whose worker is gone (its lease lapsed,
 * or it was the search before this one on a study only one search opens), oldest first.
 */
public record Claimable(List<Trial> trials, List<Trial> abandoned) {

    public Claimable {
        trials = List.copyOf(trials);
        abandoned = List.copyOf(abandoned);
    }
}
