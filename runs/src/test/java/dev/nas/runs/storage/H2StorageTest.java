package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.storage.Storage;
import dev.nas.core.storage.StorageContract;
import dev.nas.core.storage.StorageException;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StorageTest extends StorageContract {

    @TempDir
    Path directory;

    private final StudySpec spec = Fakes.spec("tiny", "random", 12.5, 99);

    @Override
    protected Storage create() {
        return new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).create(spec, Map.of());
    }

    @Test
    void studyAndTrialsSurviveClosingTheFile() {
        Trial done = oneTrialFinishedAndClosed();
        assertTrue(Files.isRegularFile(directory.resolve("study.mv.db")));
        try (SqlStorage reopened = new H2StudyLocation(StudyFiles.of(directory.resolve("study.mv.db"))).open()) {
            assertEquals(spec, reopened.spec());
            assertEquals(List.of(done), reopened.trials());
            assertEquals(List.of(0), reopened.front());
        }
    }

    /**
     * A trial the storage has finished is on disk, not only in H2's memory: a search SIGKILLed the moment after
     * keeps it (H2 writes its changes half a second later unless told otherwise).
     */
    @Test
    void aTrialFinishedTheMomentBeforeTheProcessIsKilledIsKept() throws Exception {
        StudyFiles files = StudyFiles.of(directory.resolve("killed"));
        new H2StudyLocation(files).create(spec, Map.of()).close();
        Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), FinishTrials.class.getName(), files.base().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = said.readLine()) != null && !line.equals("finished 9")) {
            // the writer says each trial it finished
        }
        writer.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last write
        assertEquals("finished 9", line, "the writer finished trials until killed");

        try (SqlStorage reopened = new H2StudyLocation(files).open()) {
            List<Trial> finished = reopened.trials().stream().filter(t -> t.outcome().isPresent()).toList();
            assertTrue(finished.size() >= 10, "finished trials kept: " + finished.size() + " of at least 10");
            for (int number = 0; number < 10; number++) {
                assertEquals(StorageContract.completedTrial(number), finished.get(number));
            }
        }
    }

    /**
     * Everything written to a study survives closing it, when H2 also compacts the file: H2 2.3.232 could write a
     * compacted file without the session's changes (h2database#4247), here an older study's upgrade.
     */
    @Test
    void anUpgradedStudyStaysUpgradedAfterItIsClosed() throws Exception {
        for (int round = 0; round < 5; round++) {
            StudyFiles files = StudyFiles.of(directory.resolve("old-" + round));
            try (InputStream golden = getClass().getResourceAsStream("golden/schema-4.mv.db")) {
                Files.copy(golden, files.database());
            }
            new H2StudyLocation(files).open().close();
            try (Connection c = H2Connections.connect(files, H2Connections.Mode.READ)) {
                assertEquals(Schema.VERSION, Inspection.version(c, files.toString()), "round " + round);
            }
        }
    }

    @Test
    void refusesToCreateOverAnExistingStudyOrToOpenWhatIsNotOne() throws Exception {
        StorageException exists = assertThrows(StorageException.class,
                () -> new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).create(spec, Map.of()));
        assertTrue(exists.getMessage().startsWith("a study database exists already at"), exists.getMessage());
        StorageException missing = assertThrows(StorageException.class,
                () -> new H2StudyLocation(StudyFiles.of(directory.resolve("nothing"))).open());
        assertEquals("no study database at " + directory.resolve("nothing.mv.db"), missing.getMessage());
        Files.writeString(directory.resolve("junk.mv.db"), "not a database");
        StorageException junk = assertThrows(StorageException.class,
                () -> new H2StudyLocation(StudyFiles.of(directory.resolve("junk"))).open());
        assertTrue(junk.getMessage().contains("junk.mv.db"), junk.getMessage());
    }

    /**
     * What a search killed while creating its study leaves: a draft, which is no study and is made afresh. A study
     * that exists holds from the start the run options {@code nas resume} repeats.
     */
    @Test
    void aStudyCutShortWhileBeingCreatedIsNoStudyAndTheSameCommandCreatesIt() throws Exception {
        Path study = directory.resolve("night");
        Path draft = directory.resolve("night.creating.mv.db");
        // Killed after H2 had made the first table, which H2 commits at once.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("night.creating"), "nas",
                "")) {
            c.createStatement().execute("CREATE TABLE schema_version (version INT NOT NULL)");
        }
        assertTrue(Files.isRegularFile(draft));
        assertFalse(StudyFiles.of(study).exists());

        Map<String, String> options = Map.of("data", "/data/fashion", "max_failures", "3");
        new H2StudyLocation(StudyFiles.of(study)).create(spec, options).close();
        assertFalse(Files.exists(draft));
        try (SqlStorage reopened = new H2StudyLocation(StudyFiles.of(study)).open()) {
            assertEquals(spec, reopened.spec());
            assertEquals(options, reopened.runOptions());
        }
    }

    /**
     * What a reader met in CI when the search it read through ended in that moment: H2 answered from the closing
     * database. The error is made here, since the moment cannot be chosen from outside H2; the rest is real.
     */
    @Test
    void aReadThatLostItsServerIsMadeAgainButNoOtherFailureIs() {
        Trial done = oneTrialFinishedAndClosed();
        Path study = directory.resolve("study");
        AtomicInteger attempts = new AtomicInteger();

        List<Trial> trials = new H2StudyLocation(StudyFiles.of(study)).read(reader -> {
            if (attempts.incrementAndGet() < 3) {
                throw failure(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN, "Database is already closed");
            }
            return reader.trials();
        });
        assertEquals(List.of(done), trials);
        assertEquals(3, attempts.get());

        attempts.set(0);
        StorageException other = assertThrows(StorageException.class,
                () -> new H2StudyLocation(StudyFiles.of(study)).read(reader -> {
            attempts.incrementAndGet();
            throw failure(ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, "Table TRIAL not found");
        }));
        assertEquals(1, attempts.get(), other.getMessage());

        attempts.set(0);
        StorageException gone = assertThrows(StorageException.class,
                () -> new H2StudyLocation(StudyFiles.of(study)).read(reader -> {
            attempts.incrementAndGet();
            throw failure(ErrorCode.CONNECTION_BROKEN_1, "Connection is broken");
        }));
        assertEquals(5, attempts.get(), "it gives up after a few tries: " + gone.getMessage());
        assertEquals(List.of(done), new H2StudyLocation(StudyFiles.of(study)).snapshot().trials());
    }

    /** A schema change is a new migration: the newest one's number is the version this nas writes and reads. */
    @Test
    void theNewestMigrationIsTheSchemaVersionAndEveryStudyRecordsIt() throws Exception {
        try (var names = Files.list(Path.of(getClass().getResource("migration").toURI()))) {
            List<Integer> versions = names.map(p -> p.getFileName().toString())
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).sorted().toList();
            assertEquals(java.util.stream.IntStream.rangeClosed(1, Schema.VERSION).boxed().toList(), versions);
        }
        storage().close();
        try (Connection c = H2Connections.connect(StudyFiles.of(directory.resolve("study")),
                H2Connections.Mode.READ); var row = c.createStatement().executeQuery(
                // Compared as numbers: as text, "9" comes after "10".
                "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"")) {
            row.next();
            assertEquals(Integer.toString(Schema.VERSION), row.getString(1));
        }
    }

    /** A controller's parameters are kept with the study, so that a resume runs exactly what it started with. */
    @Test
    void aStudyKeepsItsControllerWithEveryParameter() {
        StudySpec tuned = Fakes.spec("tiny", "random", 3, 1);
        tuned = new StudySpec(tuned.name(), tuned.space(), tuned.spaceYaml(), tuned.spaceOrigin(),
                ControllerSpec.of("asha-pareto", Map.of("eta", "4")), tuned.seed(), tuned.budget(), tuned.epochs(),
                tuned.data());
        H2StudyLocation location = new H2StudyLocation(StudyFiles.of(directory.resolve("tuned")));
        location.create(tuned, Map.of()).close();
        assertEquals(tuned, location.read(SqlStorage::spec));
        assertEquals("asha-pareto (eta 4)", location.read(SqlStorage::spec).controller().describe());
    }

    /** Stores one completed trial and closes the study. */
    private Trial oneTrialFinishedAndClosed() {
        Trial done = completedTrial(0);
        storage().claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                done.attributes(),
                done.started())));
        storage().finish(done, trials -> List.of(0));
        storage().close();
        return done;
    }

    private static StorageException failure(int code, String message) {
        return new StorageException("study database: " + message, new SQLException(message, "", code));
    }
}
