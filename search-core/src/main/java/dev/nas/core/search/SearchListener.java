package dev.nas.core.search;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;

/** Hears what a search does, for progress displays and logs. Called on the search's thread. */
public interface SearchListener {

    /** A trial starts, or continues after {@code epochsDone} epochs an interrupted search completed. */
    default void trialStarted(Trial trial, int epochsDone) {
    }

    default void epochEnded(Trial trial, EpochRecord epoch) {
    }

    default void trialFinished(Trial trial, Progress progress) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
