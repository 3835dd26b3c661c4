package dev.nas.runs.storage;

import dev.nas.core.io.OwnerOnly;
import dev.nas.core.storage.StorageException;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.commons.io.file.PathUtils;
import org.h2.api.ErrorCode;

/**
 * A study in an H2 file: created, opened and read without ever being harmed. A study file appears complete or not
 * at all, readers change no byte of it, and a file that is damaged, not a study, or held by another process is
 * refused before H2 opens it to write (which rewrites a file even for a login that fails).
 *
 * <pre>{@code
 * H2StudyLocation location = new H2StudyLocation(StudyFiles.of(Path.of("runs/night")));
 * try (SqlStorage study = location.openOrCreate(spec, runOptions)) { ... }   // a search
 * StudySnapshot now = location.snapshot();                               // a reader, also while a search runs
 * location.update(study -> study.enqueue(candidates, "--key", now));       // a change, between searches
 * }</pre>
 *
 * @param files where the study's files are
 */
public record H2StudyLocation(StudyFiles files) implements StudyAddress.Location {

    /**
     * What H2 answers a reader when a search opened or closed the study in the same moment: its server's database
     * closed or is closing, the file is open after all, or the file the search left needs recovery.
     */
    private static final Set<Integer> MOMENTARY = Set.of(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            ErrorCode.DATABASE_IS_CLOSED, ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_ALREADY_OPEN_1,
            ErrorCode.DATABASE_IS_READ_ONLY);
    /** A database closes in well under a second; five tries a quarter second apart outlast it. */
    private static final int READ_ATTEMPTS = 5;
    private static final long READ_PAUSE_MS = 250;

    /**
     * The studies this process has open to write. The JDK gives up every lock a process holds on a file when any
     * channel on that file closes, so this process must not look into a study it has open (see {@link StoreCheck}):
     * it knows instead.
     */
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

    @Override
    public boolean exists() {
        return files.exists();
    }

    @Override
    public String describe() {
        return files.toString();
    }

    /**
     * Creates the study with the run options {@code nas resume} repeats and the trials it is warm-started with;
     * refuses if one exists. It is written under a draft name and linked into place when complete, so a search
     * killed while creating it leaves no half-made study, and a study that appeared meanwhile is never replaced.
     */
    @Override
    public SqlStorage create(StudySpec spec, Map<String, String> runOptions, Optional<WarmStart> warmStart) {
        if (files.exists()) {
            throw new StudyRefused("a study database exists already at " + files);
        }
        StudyFiles draft = files.draft();
        try {
            Files.createDirectories(files.database().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StudyRefused("cannot create the folder for " + files + ": " + e, e);
        }
        try {
            clearDraft(draft);
            H2Connections.create(draft);
            Schema.migrate(H2Connections.dataSource(draft, H2Connections.Mode.PRIVATE), 0);
            try (SqlStorage storage = new SqlStorage(draft.toString(), H2Connections.connect(draft,
                    H2Connections.Mode.PRIVATE), spec, Optional.empty(), () -> { })) {
                storage.transaction(c -> {
                    Rows.insertStudy(c, spec, runOptions);
                    if (warmStart.isPresent()) {
                        Rows.insertWarmStart(c, warmStart.get());
                    }
                    return null;
                });
            }
            OwnerOnly.restrict(draft.database());
            Files.move(draft.secret(), files.secret(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.createLink(files.database(), draft.database());
            Files.delete(draft.database());
        } catch (FileAlreadyExistsException e) {
            clearDraftQuietly(draft);
            throw new StudyRefused("a study database appeared at " + files + " while this one was being created");
        } catch (IOException e) {
            clearDraftQuietly(draft);
            throw new StorageException("cannot create the study " + files + ": " + e.getMessage(), e);
        }
        return open();
    }

    /**
     * Opens an existing study to continue its search: refused if another process has it, if it is damaged or
     * not a study; upgraded if an older nas made it.
     */
    @Override
    public SqlStorage open() {
        return open(Optional.of(Workers.Worker.here(true)));
    }

    /**
     * Opens the study to change it without searching it: no worker joins. Refused, as {@link #open()} is, while a
     * search has it, since a study file is one process's at a time.
     */
    @Override
    public <T> T update(Function<? super SqlStorage, T> changing) {
        try (SqlStorage study = open(Optional.empty())) {
            return changing.apply(study);
        }
    }

    private SqlStorage open(Optional<Workers.Worker> worker) {
        requireStudy(files);
        if (state(files) == StoreCheck.State.IN_USE) {
            throw H2Connections.inUse(files, null);
        }
        // Read first, which changes nothing: what is not a study, or cannot be logged in to, stops here.
        openToRead(files, false).close();
        clearStaleLock(files);
        Connection connection = H2Connections.connect(files, H2Connections.Mode.SHARED);
        try {
            if (H2Connections.isServed(connection)) {
                throw H2Connections.inUse(files, null);
            }
            H2Connections.secure(files, connection);
            OwnerOnly.folder(files.checkpoints());
            restrict(files);
            Inspection found = Inspection.of(connection, files.toString());
            if (found.version() < Schema.VERSION) {
                Schema.migrate(H2Connections.dataSource(files, H2Connections.Mode.SHARED), found.version());
            }
            Path key = key(files);
            OPEN_HERE.add(key);
            try {
                return new SqlStorage(files.toString(), connection, found.spec(), worker,
                        () -> OPEN_HERE.remove(key));
            } catch (RuntimeException e) {
                OPEN_HERE.remove(key);
                throw e;
            }
        } catch (SQLException | IOException e) {
            SqlStorage.closeQuietly(connection);
            throw new StorageException("cannot open the study database " + files + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            SqlStorage.closeQuietly(connection);
            throw e;
        }
    }

    /** Opens a study to read it, which changes nothing in it; see {@link #read} for a read that a search may race. */
    public SqlStorage openReadOnly() {
        return openToRead(files, true);
    }

    /** Reads a whole study, also while a search runs on it or ends in the same moment. */
    @Override
    public StudySnapshot snapshot() {
        return read(StudySnapshot::of);
    }

    /**
     * Opens a study to read it, reads it with {@code reading} (which must only read), and closes it. A search that
     * starts or ends while this reads changes the way in, from the file to its server or back, or closes the
     * database under the reader: H2 then answers that it is open, closed or closing, and the read is made again.
     */
    @Override
    public <T> T read(Function<? super SqlStorage, T> reading) {
        for (int attempt = 1; ; attempt++) {
            try (SqlStorage storage = openToRead(files, true)) {
                return reading.apply(storage);
            } catch (StorageException e) {
                if (attempt == READ_ATTEMPTS || !(e.getCause() instanceof SQLException sql
                        && MOMENTARY.contains(sql.getErrorCode()))) {
                    throw e;
                }
            }
            try {
                Thread.sleep(READ_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while reading " + files, e);
            }
        }
    }

    /**
     * A study opened to read (of this nas's schema if {@code current}): directly from the file, which changes
     * nothing in it; through the server of the search that has it open; or, for a file a killed search left,
     * which H2 must recover before it can be read, from a private scratch copy recovered instead of the study.
     */
    private static SqlStorage openToRead(StudyFiles files, boolean current) {
        requireStudy(files);
        if (state(files) == StoreCheck.State.IN_USE) {
            return reader(files, H2Connections.connectServed(files), () -> { }, current);
        }
        // No process has the file, so a lock file is one a killed search left, which H2 refuses to read beside.
        if (!Files.exists(files.lock())) {
            try {
                Connection connection = H2Connections.connect(files, H2Connections.Mode.READ);
                if (!current || Inspection.version(connection, files.toString()) == Schema.VERSION) {
                    return reader(files, connection, () -> { }, current);
                }
                // Made by an older nas: read as this nas would upgrade it, from a copy.
                SqlStorage.closeQuietly(connection);
            } catch (StorageException e) {
                if (!(e.getCause() instanceof SQLException sql
                        && sql.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY)) {
                    throw e;
                }
            }
        }
        return fromScratchCopy(files, current);
    }

    /** Reads a private copy, recovered and upgraded as a search would recover and upgrade the study. */
    private static SqlStorage fromScratchCopy(StudyFiles files, boolean current) {
        Path scratch = scratchCopy(files);
        StudyFiles copy = new StudyFiles(scratch.resolve(files.name()));
        try {
            Connection connection = H2Connections.connect(copy, H2Connections.Mode.PRIVATE);
            H2Connections.secure(copy, connection);
            int version = Inspection.version(connection, files.toString());
            if (version < Schema.VERSION) {
                Schema.migrate(H2Connections.dataSource(copy, H2Connections.Mode.PRIVATE), version);
            }
            return reader(files, connection, () -> delete(scratch), current);
        } catch (RuntimeException e) {
            delete(scratch);
            throw e;
        }
    }

    private static SqlStorage reader(StudyFiles files, Connection connection, Runnable onClose, boolean current) {
        try {
            Inspection found = Inspection.of(connection, files.toString());
            if (current && found.version() != Schema.VERSION) {
                throw new StudyRefused(files + " has schema version " + found.version() + "; this nas reads version "
                        + Schema.VERSION + (found.version() < Schema.VERSION
                        ? " (continuing the search with this nas upgrades the file)" : ""));
            }
            return new SqlStorage(files.toString(), connection, found.spec(), Optional.empty(), onClose);
        } catch (RuntimeException e) {
            SqlStorage.closeQuietly(connection);
            onClose.run();
            throw e;
        }
    }

    /** Whether another search has the study open, without looking into a file this process has open. */
    private static StoreCheck.State state(StudyFiles files) {
        return OPEN_HERE.contains(key(files)) ? StoreCheck.State.IN_USE : StoreCheck.of(files.database());
    }

    private static Path key(StudyFiles files) {
        return files.database().toAbsolutePath().normalize();
    }

    private static void requireStudy(StudyFiles files) {
        if (!files.exists()) {
            throw new StudyRefused("no study database at " + files);
        }
    }

    /** A study made before studies were private is made so when a search opens it. */
    private static void restrict(StudyFiles files) {
        try {
            for (Path path : List.of(files.database(), files.lock(), files.secret(), files.checkpoints())) {
                if (Files.exists(path)) {
                    OwnerOnly.restrict(path);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot make the study " + files + " private to its owner: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Removes the lock file a killed search left: no process has the study open, and H2 would wait for the file to
     * age, then refuse. A process that opened the study meanwhile writes its lock file again, and has the file.
     */
    private static void clearStaleLock(StudyFiles files) {
        try {
            Files.deleteIfExists(files.lock());
        } catch (IOException e) {
            throw new StorageException("cannot remove the lock file " + files.lock() + " a stopped search left: "
                    + e.getMessage(), e);
        }
    }

    /** Removes what a search killed while creating the study left; refuses a draft another process is writing. */
    private static void clearDraft(StudyFiles draft) throws IOException {
        if (Files.exists(draft.database()) && StoreCheck.isLocked(draft.database())) {
            throw new StudyRefused("another nas is creating a study at " + draft.base().resolveSibling(
                    draft.name().replace(".creating", "")) + " right now");
        }
        clearDraftQuietly(draft);
    }

    private static void clearDraftQuietly(StudyFiles draft) {
        for (Path path : List.of(draft.database(), draft.lock(), draft.secret())) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // best effort: what is left is a draft, which is no study and is cleared by the next create
            }
        }
    }

    /** A private copy of the study's database, in a new folder only the owner can read. */
    private static Path scratchCopy(StudyFiles files) {
        try {
            Path folder = Files.createTempDirectory("nas-read-");
            OwnerOnly.restrict(folder);
            Files.copy(files.database(), folder.resolve(files.name() + StudyFiles.DATABASE));
            if (Files.exists(files.secret())) {
                Files.copy(files.secret(), folder.resolve(files.name() + ".secret"));
            }
            return folder;
        } catch (IOException e) {
            throw new StorageException("cannot read the study " + files + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path folder) {
        try {
            PathUtils.deleteDirectory(folder);
        } catch (IOException e) {
            // a scratch copy in the temporary folder; the system clears it if this cannot
        }
    }
}
