package dev.nas.runs.storage;

import dev.nas.core.storage.Queued;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study as read at one moment: where it is, its settings, trials, provenance, run options and workers, the trials
 * it was warm-started with, if it was, and its queue.
 */
public record StudySnapshot(String where, StudySpec spec, List<Trial> trials, SqlStorage.Provenance provenance,
                            Map<String, String> runOptions, Workers.Roster workers, Optional<WarmStart> warmStart,
                            List<Queued> queue) {

    public StudySnapshot {
        trials = List.copyOf(trials);
        runOptions = Map.copyOf(runOptions);
        queue = List.copyOf(queue);
    }

    static StudySnapshot of(SqlStorage study) {
        return new StudySnapshot(study.where(), study.spec(), study.trials(), study.provenance(), study.runOptions(),
                study.workers(), study.warmStartSource().map(source -> new WarmStart(source, study.warmTrials())),
                study.queue());
    }
}
