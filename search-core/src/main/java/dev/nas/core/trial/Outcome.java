package dev.nas.core.trial;

import java.util.List;

/** How a trial ended. */
public sealed interface Outcome permits Completed, Failed, Pruned {

    /** The epochs the trial trained, complete or not: what it cost. */
    List<EpochRecord> epochs();
}
