package dev.nas.runs.storage;

import dev.nas.core.storage.NetworkStore;
import dev.nas.core.study.StudyLocation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a study lives, as {@code --db} names it: a file on this machine (H2, one search at a time) or a database on
 * a PostgreSQL server, which any number of workers on any number of machines share.
 *
 * <pre>{@code
 * StudyAddress.of("studies/mobile")                              // studies/mobile.mv.db
 * StudyAddress.of("jdbc:postgresql://db.lab:5432/mobile_night")  // a server's database
 * }</pre>
 */
public sealed interface StudyAddress permits StudyFiles, ServerStudy {

    /** The study {@code db} names: a JDBC URL of a server, else the path of a file. */
    static StudyAddress of(String db) {
        return db.startsWith("jdbc:") ? ServerStudy.of(db) : StudyFiles.of(Path.of(db));
    }

    /** Where the study is kept, to create, open and read it. */
    Location location();

    /** The study's name: its file's, or its database's. */
    String name();

    /** The study as {@code --db} names it, for the commands printed to continue or read it. */
    String argument();

    /**
     * Where the study's trained networks are kept: in {@code folder} if one is given (a folder every worker mounts,
     * for large models), else beside a study file, or in a server study's database.
     */
    NetworkStore networks(Optional<Path> folder);

    /** A study's place, with a whole-study read for the commands that report on it. */
    interface Location extends StudyLocation<SqlStorage> {

        /** Reads a whole study at one moment, also while workers search it. */
        StudySnapshot snapshot();
    }
}
