package dev.nas.runs.storage;

import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.Map;

/** A study as read at one moment: where it is, its settings, trials, provenance, run options and workers. */
public record StudySnapshot(String where, StudySpec spec, List<Trial> trials, SqlStorage.Provenance provenance,
                            Map<String, String> runOptions, Workers.Roster workers) {

    public StudySnapshot {
        trials = List.copyOf(trials);
        runOptions = Map.copyOf(runOptions);
    }

    static StudySnapshot of(SqlStorage study) {
        return new StudySnapshot(study.where(), study.spec(), study.trials(), study.provenance(), study.runOptions(),
                study.workers());
    }
}
