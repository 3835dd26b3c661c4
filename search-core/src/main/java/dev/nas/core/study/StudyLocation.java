package dev.nas.core.study;

import dev.nas.core.storage.StudyRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where one study lives, and its life there: created once, continued by one search at a time, read by anyone, also
 * while a search runs on it. Refusals the user can act on are {@link StudyRefused}, and change nothing.
 *
 * <pre>{@code
 * try (StudyStore study = location.openOrCreate(spec, runOptions)) { ... }   // a search
 * int trials = location.read(study -> study.trials().size());               // a reader
 * location.update(study -> study.enqueue(candidates, "--key", now));          // a change, between searches
 * }</pre>
 */
public interface StudyLocation<S extends StudyStore> {

    /** Whether a study is kept here. */
    boolean exists();

    /** Creates the study, with the options its search runs with; refused if one exists here. */
    default S create(StudySpec spec, Map<String, String> runOptions) {
        return create(spec, runOptions, Optional.empty());
    }

    /**
     * Creates the study, with the options its search runs with and the trials it is warm-started with, all at once:
     * a study appears whole or not at all. Refused if one exists here.
     */
    S create(StudySpec spec, Map<String, String> runOptions, Optional<WarmStart> warmStart);

    /** Opens the study to continue its search; refused if none is here or another search has it open. */
    S open();

    /** Reads the study with {@code reading}, which must only read; nothing in the study changes. */
    <T> T read(Function<? super S, T> reading);

    /**
     * Changes the study with {@code changing} (its queue, say) without searching it: no worker joins. Refused, as
     * {@link #open()} is, while a search has a study only one search opens; beside the workers of a shared one.
     */
    <T> T update(Function<? super S, T> changing);

    /** Where this is, for messages. */
    String describe();

    /**
     * The study for a search with {@code spec}: created if none is here, else continued with the given budget and
     * run options if it was made with the same settings, else refused with what differs ({@code seed: 3 vs 4}).
     */
    default S openOrCreate(StudySpec spec, Map<String, String> runOptions) {
        return openOrCreate(spec, runOptions, Optional.empty(), source -> {
            throw new IllegalStateException("no warm start was asked for");
        });
    }

    /**
     * As {@link #openOrCreate(StudySpec, Map)}, for a search warm-started from {@code warmStart}: a new study is made
     * with the trials {@code warmTrials} reads from that source (read only then, so that continuing needs no source);
     * an existing one continues only if it was warm-started from that same source, since what its controller knew
     * before its first trial cannot change after it. Without a warm start given, a study continues as it was made.
     */
    default S openOrCreate(StudySpec spec, Map<String, String> runOptions, Optional<String> warmStart,
                           Function<String, WarmStart> warmTrials) {
        if (!exists()) {
            return create(spec, runOptions, warmStart.map(warmTrials));
        }
        List<String> differences = read(stored -> {
            List<String> found = new ArrayList<>(stored.spec().differences(spec));
            Optional<String> made = stored.warmStartSource();
            if (warmStart.isPresent() && !warmStart.equals(made)) {
                found.add("warm start: " + made.orElse("none") + " vs " + warmStart.get());
            }
            return found;
        });
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
