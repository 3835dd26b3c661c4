package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.storage.StorageContract;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A study file that is damaged, not a study, or left by a killed search is never rewritten by opening it: what is
 * wrong is said, and not a byte of it changes, nor is anything left beside it.
 */
class DamagedStudyTest {

    @TempDir
    Path directory;

    private final StudySpec spec = Fakes.spec("tiny", "random", 40, 5);

    /**
     * Cut anywhere, a study either reads exactly as it was (what was cut held nothing live: free space H2 has not
     * reclaimed yet) or is refused as damaged; never as the older study H2 would quietly fall back to.
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 25, 50, 75, 90, 99})
    void aStudyCutShortReadsWholeOrIsRefusedAsDamagedAndLeftAsItIs(int percent) throws Exception {
        StudyFiles files = studyOfTrials(30);
        List<Trial> whole = new H2StudyLocation(files).snapshot().trials();
        try (FileChannel file = FileChannel.open(files.database(), StandardOpenOption.WRITE)) {
            file.truncate(file.size() * percent / 100);
        }
        byte[] cut = Files.readAllBytes(files.database());
        try {
            assertEquals(whole, new H2StudyLocation(files).snapshot().trials(), "read as an older study");
            assertArrayEquals(cut, Files.readAllBytes(files.database()));
        } catch (StudyRefused refused) {
            assertRefusedUntouched(files, "is damaged");
        }
    }

    /** The newest chunk cut in half: the file's header says which it is. */
    @Test
    void aStudyWhoseNewestDataIsCutIsRefusedAsDamagedAndLeftAsItIs() throws Exception {
        // A study closed cleanly, whose header names its newest chunk of changes; H2 places chunks by time and free
        // space, so a fixed file is cut rather than one made here.
        StudyFiles files = StudyFiles.of(directory.resolve("study"));
        try (InputStream golden = getClass().getResourceAsStream("golden/schema-4.mv.db")) {
            Files.copy(golden, files.database());
        }
        String header = new String(Files.readAllBytes(files.database()), 0, 200, StandardCharsets.ISO_8859_1);
        Matcher block = Pattern.compile(",block:([0-9a-f]+),").matcher(header);
        assertTrue(block.find() && header.contains("clean:1"), header);
        try (FileChannel file = FileChannel.open(files.database(), StandardOpenOption.WRITE)) {
            file.truncate(Long.parseLong(block.group(1), 16) * 4096 + 100);
        }
        assertRefusedUntouched(files, "is damaged: its newest data is missing");
    }

    /** H2 keeps two copies of its header: one overwritten is survived, both are damage. */
    @Test
    void aStudyWhoseHeaderIsOverwrittenIsReadFromItsCopyOrRefusedIfBothAre() throws Exception {
        StudyFiles files = studyOfTrials(3);
        byte[] bytes = Files.readAllBytes(files.database());
        bytes[20] ^= 1;
        Files.write(files.database(), bytes);
        assertEquals(3, new H2StudyLocation(files).snapshot().trials().size());
        bytes[4096 + 20] ^= 1;
        Files.write(files.database(), bytes);
        assertRefusedUntouched(files, "is damaged: both copies of its header are corrupt");
    }

    @Test
    void whatIsNotAStudyIsRefusedAndLeftAsItIs() throws Exception {
        StudyFiles text = StudyFiles.of(directory.resolve("text"));
        Files.writeString(text.database(), "not a database");
        assertRefusedUntouched(text, "not a study database: " + text.database() + " is not an H2 database file");

        StudyFiles noise = StudyFiles.of(directory.resolve("noise"));
        byte[] random = new byte[9000];
        new Random(3).nextBytes(random);
        Files.write(noise.database(), random);
        assertRefusedUntouched(noise, "is not an H2 database file");

        StudyFiles other = StudyFiles.of(directory.resolve("other"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + other.base().toAbsolutePath(), "someone",
                "secret")) {
            c.createStatement().execute("CREATE TABLE accounts (id INT)");
        }
        assertRefusedUntouched(other, "cannot open the study " + other + ": it has no secret");
    }

    /**
     * A search killed with the study open leaves a file H2 must recover before reading it; readers recover a
     * private copy instead, so the study stays as the kill left it until a search continues it.
     */
    @Test
    void aStudyLeftByAKilledSearchIsReadWithoutChangingIt() throws Exception {
        StudyFiles files = studyOfTrials(3);
        Process search = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HoldStudy.class.getName(), files.base().toString(), "start")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(new String(search.getInputStream().readNBytes(9)).startsWith("open with"));
        Thread.sleep(1500);
        search.destroyForcibly();
        assertTrue(search.waitFor(30, TimeUnit.SECONDS));
        byte[] killed = Files.readAllBytes(files.database());

        List<Trial> read = new H2StudyLocation(files).snapshot().trials();
        assertEquals(4, read.size(), "three finished and the one the kill left running");
        assertArrayEquals(killed, Files.readAllBytes(files.database()), "a reader changed the study");
        assertTrue(Files.exists(files.lock()), "the killed search's lock file stays until a search replaces it");
        Files.delete(files.lock());
        assertOnlyTheStudyIsThere(files);

        try (SqlStorage continued = new H2StudyLocation(files).open()) {
            assertEquals(read, continued.trials());
        }
    }

    private StudyFiles studyOfTrials(int trials) {
        StudyFiles files = StudyFiles.of(directory.resolve("study"));
        try (SqlStorage storage = new H2StudyLocation(files).create(spec, Map.of())) {
            for (int n = 0; n < trials; n++) {
                Trial done = StorageContract.completedTrial(n);
                Trial running = Trial.start(n, done.candidate(), done.seed(), done.epochs(), done.attributes(),
                        done.started());
                storage.claim(claimable -> Optional.of(running));
                storage.finish(done, all -> List.of(done.number()));
            }
        }
        return files;
    }

    private static void assertRefusedUntouched(StudyFiles files, String message) throws IOException {
        byte[] before = Files.readAllBytes(files.database());
        List<Consumer<StudyFiles>> openings = List.of(f -> new H2StudyLocation(f).open().close(),
                f -> new H2StudyLocation(f).snapshot(), f -> new H2StudyLocation(f).openReadOnly().close());
        for (Consumer<StudyFiles> opening : openings) {
            StudyRefused refused = assertThrows(StudyRefused.class, () -> opening.accept(files));
            assertTrue(refused.getMessage().contains(message), refused.getMessage());
            assertTrue(!refused.getMessage().contains("in use"), refused.getMessage());
            assertArrayEquals(before, Files.readAllBytes(files.database()), "the file changed");
            assertOnlyTheStudyIsThere(files);
        }
    }

    /** No trace, lock, draft or hidden file beside the study. */
    private static void assertOnlyTheStudyIsThere(StudyFiles files) throws IOException {
        try (Stream<Path> entries = Files.list(files.database().getParent())) {
            List<String> left = entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(files.name()) || name.startsWith("."))
                    .filter(name -> !List.of(".mv.db", ".secret", ".checkpoints").contains(name.substring(
                            Math.min(name.length(), files.name().length()))))
                    .toList();
            assertEquals(List.of(), left);
        }
    }
}
