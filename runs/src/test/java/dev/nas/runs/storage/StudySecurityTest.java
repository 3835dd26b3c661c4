package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nas.core.storage.StorageContract;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nobody but a study's owner can read it, log in to the server of its search, or reach outside its database. */
class StudySecurityTest {

    @TempDir
    Path directory;

    private final StudySpec spec = Fakes.spec("tiny", "random", 4, 5);

    @Test
    void aStudyItsSecretAndTheLockOfItsSearchAreTheOwnersAlone() throws Exception {
        StudyFiles files = StudyFiles.of(directory.resolve("study"));
        try (SqlStorage storage = new H2StudyLocation(files).create(spec, Map.of())) {
            assertEquals("rw-------", permissions(files.database()));
            assertEquals("rw-------", permissions(files.secret()));
            assertEquals("rw-------", permissions(files.lock()), "the lock file holds the server's key");
        }
        assertFalse(Files.exists(files.draft().database()));
        assertFalse(Files.exists(files.draft().secret()));
    }

    /**
     * What an intruder on the same machine tried against a running search: read the key in its lock file, log in
     * to its server with the logins studies used to have or H2's defaults, change a trial, read and write files
     * through H2's functions. Without the study's secret nothing logs in; with it (as if stolen) nothing reaches
     * outside the database; the study is unchanged.
     */
    @Test
    void anotherProcessCannotTakeOverTheServerOfARunningSearch() throws Exception {
        StudyFiles files = StudyFiles.of(directory.resolve("study"));
        Trial done = StorageContract.completedTrial(0);
        try (SqlStorage storage = new H2StudyLocation(files).create(spec, Map.of())) {
            storage.claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                    done.attributes(),
                    done.started())));
            storage.finish(done, trials -> List.of(0));
        }
        Process search = hold(files);
        try {
            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(files.lock(), StandardCharsets.ISO_8859_1)) {
                lock.load(in);
            }
            String url = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            for (String[] login : List.of(new String[] {"nas", ""}, new String[] {"sa", ""},
                    new String[] {"STUDY_ADMIN", ""})) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Connection c = DriverManager.getConnection(url, login[0], login[1]);
                         Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE trial SET accuracy = 0.99");
                    }
                }, login[0] + " logged in");
                assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode(), refused.getMessage());
            }
            Path written = directory.resolve("written.csv");
            try (Connection c = DriverManager.getConnection(url, H2Connections.USER,
                    Files.readString(files.secret()).strip()); Statement s = c.createStatement()) {
                for (String outside : List.of("SELECT FILE_READ('/etc/passwd')",
                        "CALL FILE_WRITE('x', '" + written + "')",
                        "CALL CSVWRITE('" + written + "', 'SELECT * FROM trial')",
                        "SELECT * FROM CSVREAD('/etc/passwd')",
                        "CREATE ALIAS EXEC FOR 'java.lang.Runtime.getRuntime'",
                        "CALL LINK_SCHEMA('X', '', 'jdbc:h2:mem:x', '', '', 'PUBLIC')",
                        "RUNSCRIPT FROM '/etc/passwd'",
                        "CREATE USER INTRUDER PASSWORD 'x' ADMIN",
                        "ALTER USER NAS ADMIN TRUE")) {
                    SQLException refused = assertThrows(SQLException.class, () -> s.execute(outside), outside);
                    assertEquals(ErrorCode.ADMIN_RIGHTS_REQUIRED, refused.getErrorCode(), outside + ": "
                            + refused.getMessage());
                }
            }
            assertFalse(Files.exists(written));
        } finally {
            release(search);
        }
        assertEquals(List.of(done), new H2StudyLocation(files).snapshot().trials(), "the study is unchanged");
    }

    /**
     * Another user of the machine, where the test may become one (run as root with {@code setpriv}): the study's
     * files cannot be read, while a file beside them that is readable can be, in the same folder.
     */
    @Test
    void anotherUserCannotReadTheStudyItsSecretOrTheLockOfItsSearch() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to act as another user");
        Path shared = Files.createTempDirectory("nas-shared-");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path readable = Files.writeString(shared.resolve("readable.txt"), "anyone may read this");
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
            StudyFiles files = StudyFiles.of(shared.resolve("study"));
            new H2StudyLocation(files).create(spec, Map.of()).close();
            Process search = hold(files);
            try {
                assertEquals(0, asNobody("cat", readable.toString()), "the other user reads a readable file");
                for (Path secret : List.of(files.database(), files.secret(), files.lock())) {
                    assertTrue(asNobody("cat", secret.toString()) != 0, secret + " was readable by another user");
                }
            } finally {
                release(search);
            }
        } finally {
            try (var paths = Files.walk(shared)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** A study an older nas made (schema 4: administrator {@code nas}, no password) is secured when searched. */
    @Test
    void aStudyMadeBeforeStudiesHadSecretsIsReadAsItIsAndSecuredWhenASearchOpensIt() throws Exception {
        StudyFiles files = StudyFiles.of(directory.resolve("old"));
        try (InputStream golden = getClass().getResourceAsStream("golden/schema-4.mv.db")) {
            Files.copy(golden, files.database());
        }
        List<Trial> before = new H2StudyLocation(files).snapshot().trials();
        assertEquals(3, before.size());
        assertFalse(Files.exists(files.secret()), "reading changes nothing");

        try (SqlStorage storage = new H2StudyLocation(files).open()) {
            assertEquals(before, storage.trials());
        }
        assertEquals("rw-------", permissions(files.secret()));
        assertEquals("rw-------", permissions(files.database()));
        SQLException legacy = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:file:"
                + files.base().toAbsolutePath() + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "nas", "").close());
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, legacy.getErrorCode());
        try (Connection c = H2Connections.connect(files, H2Connections.Mode.READ); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("SELECT FILE_READ('/etc/passwd')"));
            assertEquals(ErrorCode.ADMIN_RIGHTS_REQUIRED, refused.getErrorCode());
        }
        assertEquals(before, new H2StudyLocation(files).snapshot().trials());
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** A child process that has the study open as a search does, with its server for readers, until released. */
    private static Process hold(StudyFiles files) throws IOException {
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HoldStudy.class.getName(), files.base().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertTrue(line != null && line.startsWith("open with"), "the holder opened the study: " + line);
        return holder;
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder ends when its input closes");
    }

    private static int asNobody(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
