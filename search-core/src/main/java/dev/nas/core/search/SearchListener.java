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

    /** Tells {@code listeners} everything, in this order. */
    static SearchListener all(SearchListener... listeners) {
        return new SearchListener() {
            @Override
            public void trialStarted(Trial trial, int epochsDone) {
                for (SearchListener l : listeners) {
                    l.trialStarted(trial, epochsDone);
                }
            }

            @Override
            public void epochEnded(Trial trial, EpochRecord epoch) {
                for (SearchListener l : listeners) {
                    l.epochEnded(trial, epoch);
                }
            }

            @Override
            public void trialFinished(Trial trial, Progress progress) {
                for (SearchListener l : listeners) {
                    l.trialFinished(trial, progress);
                }
            }

            @Override
            public void waiting(List<Trial> running) {
                for (SearchListener l : listeners) {
                    l.waiting(running);
                }
            }

            @Override
            public void trialLost(Trial trial, String why) {
                for (SearchListener l : listeners) {
                    l.trialLost(trial, why);
                }
            }
        };
    }
}
