package dev.nas.runs.cli;

import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudySnapshot;
import picocli.CommandLine.Option;

/** The {@code --db} option of the commands that read a study. */
final class StudyOption {

    @Option(names = "--db", paramLabel = "STUDY", required = true,
            description = "The study: PATH of its file PATH.mv.db (e.g. studies/mobile), or a study on a server, "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE (password from NAS_DB_PASSWORD, NAS_DB_PASSWORD_FILE "
                    + "or ~/.pgpass).")
    String db;

    StudyAddress address() {
        return StudyAddress.of(db);
    }

    /** The whole study, read at once so that the workers searching it are kept out as little as can be. */
    StudySnapshot read() {
        return address().location().snapshot();
    }
}
