package dev.nas.core.search;

import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.util.List;

/** Hears what a search does, for progress displays and logs. Called on the search's thread. */
public interface SearchListener {

    /** A trial starts, or continues after {@code epochsDone} epochs an interrupted search completed. */
    default void trialStarted(Trial trial, int epochsDone) {
    }

    default void epochEnded(Trial trial, EpochRecord epoch) {
    }

    default void trialFinished(Trial trial, Progress progress) {
    }

    /** Nothing to start now: these trials, run by other workers, hold the rest of the budget or the controller. */
    default void waiting(List<Trial> running) {
    }

    /** Another worker took the trial over (this one's lease on it lapsed); it goes on there. */
    default void trialLost(Trial trial, String why) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
