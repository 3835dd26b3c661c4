package dev.nas.core.study;

import dev.nas.core.storage.StudyRefused;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where one study lives, and its life there: created once, continued by one search at a time, read by anyone, also
 * while a search runs on it. Refusals the user can act on are {@link StudyRefused}, and change nothing.
 *
 * <pre>{@code
 * try (StudyStore study = location.openOrCreate(spec, runOptions)) { ... }   // a search
 * int trials = location.read(study -> study.trials().size());               // a reader
 * }</pre>
 */
public interface StudyLocation<S extends StudyStore> {

    /** Whether a study is kept here. */
    boolean exists();

    /** Creates the study, with the options its search runs with; refused if one exists here. */
    S create(StudySpec spec, Map<String, String> runOptions);

    /** Opens the study to continue its search; refused if none is here or another search has it open. */
    S open();

    /** Reads the study with {@code reading}, which must only read; nothing in the study changes. */
    <T> T read(Function<? super S, T> reading);

    /** Where this is, for messages. */
    String describe();

    /**
     * The study for a search with {@code spec}: created if none is here, else continued with the given budget and
     * run options if it was made with the same settings, else refused with what differs ({@code seed: 3 vs 4}).
     */
    default S openOrCreate(StudySpec spec, Map<String, String> runOptions) {
        if (!exists()) {
            return create(spec, runOptions);
        }
        List<String> differences = read(stored -> stored.spec().differences(spec));
        if (!differences.isEmpty()) {
            throw new StudyRefused("the study at " + describe() + " was made with other settings (stored vs "
                    + "given): " + String.join("; ", differences) + ". A study continues only with the settings it was "
                    + "made with: start a new one in another place.");
        }
        S study = open();
        try {
            if (study.spec().budget() != spec.budget()) {
                study.setBudget(spec.budget());
            }
            study.setRunOptions(runOptions);
            return study;
        } catch (RuntimeException e) {
            study.close();
            throw e;
        }
    }
}
