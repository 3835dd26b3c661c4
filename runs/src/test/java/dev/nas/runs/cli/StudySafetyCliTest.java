package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or clumsy user tried on studies, with the real main class: refused with a message, harmless. */
class StudySafetyCliTest {

    @TempDir
    static Path directory;
    static Path space;
    static String table;

    @BeforeAll
    static void paths() {
        space = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
        table = "table:" + Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
    }

    /** H2 reads its database path out of a URL, where ";INIT=..." would run SQL, even from a read-only command. */
    @Test
    void aStudyPathThatWouldCarrySqlIntoTheDatabaseAddressIsRefused() throws Exception {
        Path pwned = directory.resolve("pwned.csv");
        String injected = "study;INIT=CALL CSVWRITE('" + pwned + "', 'SELECT 1')--";
        for (List<String> command : List.of(List.of("status", "--db", injected),
                List.of("--space", space.toString(), "--objective", table, "--budget", "2", "--db", injected))) {
            Cli.Result result = Cli.run(directory, command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().contains("cannot name a study"), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertFalse(Files.exists(pwned), "the SQL ran");
        }
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("study")).toList());
        }
    }

    /** The database of a study {@code db} searched on the table for {@code budget} full trainings. */
    private Path searched(String db, int budget) throws Exception {
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", table, "--budget",
                Integer.toString(budget), "--db", db);
        assertEquals(0, search.exitCode(), search.toString());
        return directory.resolve(db + ".mv.db");
    }

    /**
     * A study cut to half its length once read as the study it was long before, and {@code nas resume} rewrote it
     * so; now every command says it is damaged and leaves it byte for byte.
     */
    @Test
    void aTruncatedStudyIsRefusedAsDamagedByEveryCommandAndLeftAsItIs() throws Exception {
        Path file = searched("cut", 30);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        byte[] before = Files.readAllBytes(file);
        for (List<String> command : List.of(List.of("resume", "--db", "cut", "--budget", "40"),
                List.of("status", "--db", "cut"), List.of("trials", "--db", "cut"),
                List.of("--space", space.toString(), "--objective", table, "--budget", "40", "--db", "cut"))) {
            Cli.Result result = Cli.run(directory, command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().startsWith("nas: the study file cut.mv.db is damaged: "),
                    result.err());
            assertFalse(result.err().contains("in use"), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertArrayEquals(before, Files.readAllBytes(file), String.join(" ", command) + " changed the study");
        }
    }

    /**
     * {@code report --out} once wrote over anything, the study itself included; outputs now refuse a study's files
     * whatever the options, and anything else that exists unless told to replace it.
     */
    @Test
    void outputsNeverReplaceAStudyAndReplaceOtherFilesOnlyWhenTold() throws Exception {
        Path study = searched("kept", 12);
        byte[] before = Files.readAllBytes(study);
        Files.copy(study, directory.resolve("renamed.html"));
        for (List<String> command : List.of(List.of("report", "--db", "kept", "--out", "kept.mv.db", "--force"),
                List.of("report", "--db", "kept", "--out", "kept.secret"),
                List.of("report", "--db", "kept", "--out", "renamed.html", "--force"),
                List.of("export", "--db", "kept", "--front", "--retrain-epochs", "1", "--out", "/", "--force"),
                List.of("latency", "sample", "--space", space.toString(), "--n", "2", "--out", "kept.mv.db"))) {
            Cli.Result result = Cli.run(directory, command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().contains("nothing was changed"), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertArrayEquals(before, Files.readAllBytes(study), String.join(" ", command) + " changed the study");
        }

        assertEquals(0, Cli.run(directory, "report", "--db", "kept", "--out", "page.html").exitCode());
        Cli.Result twice = Cli.run(directory, "report", "--db", "kept", "--out", "page.html");
        assertEquals(2, twice.exitCode(), twice.toString());
        assertTrue(twice.err().contains("--out: page.html exists; give another name, or --force to replace it"),
                twice.err());
        assertEquals(0, Cli.run(directory, "report", "--db", "kept", "--out", "page.html", "--force").exitCode());
        Cli.Result folder = Cli.run(directory, "report", "--db", "kept", "--out", ".");
        assertEquals(2, folder.exitCode(), folder.toString());
        assertTrue(folder.err().contains("--out: . is a folder; give a file name"), folder.err());
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("partial") || n.endsWith(".trace.db")).toList(), "nothing half-written");
        }
    }
}
