package dev.nas.core.search;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;

/** Hears what a search does, for progress displays and logs. Called on the search's thread. */
public interface SearchListener {

    default void trialStarted(Trial trial) {
    }

    default void epochEnded(Trial trial, EpochRecord epoch) {
    }

    default void trialFinished(Trial trial, Progress progress) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
