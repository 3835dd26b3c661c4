package dev.nas.runs.cli;

import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.StudyFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db} option of the commands that read a study. */
final class StudyOption {

    @Option(names = "--db", paramLabel = "PATH", required = true,
            description = "The study database, PATH.mv.db (e.g. studies/mobile).")
    Path db;

    /** The whole study, read at once so that a search that runs on it is kept out as little as can be. */
    H2StudyLocation.Snapshot read() {
        return new H2StudyLocation(StudyFiles.of(db)).snapshot();
    }
}
