package dev.nas.runs.storage;

import dev.nas.core.storage.NetworkStore;
import dev.nas.core.study.StudyLocation;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where a study lives, as {@code --db} names it: a file on this machine (H2, one search at a time) or a database on
 * a PostgreSQL server, which any number of workers on any number of machines share.
 *
 * <pre>{@code
 * StudyAddress.of("studies/mobile")                              // studies/mobile.mv.db
 * StudyAddress.of("jdbc:postgresql://db.lab:5432/mobile_night")  // a server's database
 * StudyAddress.of("@night")                                     // the same, named in the connections file
 * }</pre>
 */
public sealed interface StudyAddress permits StudyFiles, ServerStudy {

    /**
     * The study {@code db} names: a JDBC URL of a server, {@code @NAME} for the URL a connections file gives that
     * name (see {@link #connections()}), else the path of a file.
     */
    static StudyAddress of(String db) {
        if (db.startsWith("@")) {
            return ServerStudy.of(named(db.substring(1), connections()));
        }
        return db.startsWith("jdbc:") ? ServerStudy.of(db) : StudyFiles.of(Path.of(db));
    }

    /**
     * The connections file: {@code NAS_CONNECTIONS}, else {@code ~/.config/nas/connections.properties}, with lines
     * {@code NAME = jdbc:postgresql://...} so that a team types {@code --db @night}, not the server's URL.
     */
    static Path connections() {
        String file = System.getenv("NAS_CONNECTIONS");
        return file != null && !file.isBlank() ? Path.of(file)
                : Path.of(System.getProperty("user.home"), ".config", "nas", "connections.properties");
    }

    /** The URL {@code name} has in the connections file {@code file}. */
    static String named(String name, Path file) {
        Properties named = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            named.load(in);
        } catch (IOException e) {
            throw new BadInput("--db @" + name + ": cannot read the connections file " + file + " (" + e
                    + "); it holds lines NAME = jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        String url = named.getProperty(name);
        if (url == null || url.isBlank()) {
            throw new BadInput("--db @" + name + ": " + file + " names no connection '" + name + "' (it has: "
                    + String.join(", ", new TreeSet<>(named.stringPropertyNames())) + ")");
        }
        return url.strip();
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

    /**
     * Where image folders are decoded to by default: beside a study file (shared by the studies in its folder), or
     * in the user's cache for a server study, since each worker machine decodes its own.
     */
    Path imageCache();

    /** A study's place, with a whole-study read for the commands that report on it. */
    interface Location extends StudyLocation<SqlStorage> {

        /** Reads a whole study at one moment, also while workers search it. */
        StudySnapshot snapshot();
    }
}
