package dev.nas.core.study;

import dev.nas.core.storage.Storage;
import java.util.Map;
import java.util.Optional;

/**
 * A study as kept, open: its settings and the options its search was run with, beside the trials and front of the
 * {@link Storage} port.
 */
public interface StudyStore extends Storage {

    /** The study's settings, as stored. */
    StudySpec spec();

    /** Sets a new budget, e.g. to continue the study further. */
    void setBudget(double budget);

    /** What the search was run with besides its settings, so that a resume repeats it. */
    Map<String, String> runOptions();

    void setRunOptions(Map<String, String> options);

    /** The source the study was warm-started from ({@link WarmStart#source()}), if it was. */
    Optional<String> warmStartSource();
}
