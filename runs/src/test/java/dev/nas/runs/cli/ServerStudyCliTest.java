package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.runs.storage.PostgresServer;
import dev.nas.runs.storage.ServerStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on a PostgreSQL server from the command line: made by the first search that names it, joined by workers,
 * read by status and report as a file study is; and every way in that cannot work refused with exit 2, the study and
 * the database as they were.
 */
class ServerStudyCliTest {

    private static final String SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize().toString();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private PostgresServer server;
    private Map<String, String> login;

    @BeforeEach
    void server() throws Exception {
        server = PostgresServer.get();
        login = Map.of(ServerStudy.USER, PostgresServer.USER, ServerStudy.PASSWORD_FILE,
                server.passwordFile(directory).toString());
    }

    private Cli.Result nas(Map<String, String> environment, String... args) throws Exception {
        return Cli.start(directory, environment, args).finish();
    }

    private Cli.Result search(String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--space", SPACE, "--objective", "table:" + TABLE, "--epochs",
                "3", "--budget", "4", "--db", url));
        args.addAll(List.of(more));
        return nas(login, args.toArray(String[]::new));
    }

    @Test
    void theFirstSearchMakesTheStudyWorkersJoinItAndEveryReaderReadsItAsAFile() throws Exception {
        String url = server.newDatabase();
        Cli.Result made = search(url);
        assertEquals(0, made.exitCode(), made.toString());
        assertTrue(made.out().contains("study database " + url), made.out());

        Cli.Result more = nas(login, "worker", "--study", url);
        assertEquals(0, more.exitCode(), more.toString());
        assertTrue(more.out().contains("budget spent"), more.out());

        Cli.Result status = nas(login, "status", "--db", url);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("trials      4: 4 complete, 0 failed, 0 running"), status.out());
        assertTrue(status.out().contains("workers     0 working, 0 gone, 2 stopped"), status.out());
        Cli.Result json = nas(login, "status", "--db", url, "--format", "json");
        assertTrue(json.out().contains("\"trials_run\" : 4"), json.out());

        Cli.Result pareto = nas(login, "pareto", "--db", url, "--format", "csv");
        assertEquals(0, pareto.exitCode(), pareto.toString());
        Cli.Result report = nas(login, "report", "--db", url, "--out", directory.resolve("report.html").toString());
        assertEquals(0, report.exitCode(), report.toString());
        String html = Files.readString(directory.resolve("report.html"));
        assertTrue(html.contains("<h2>Workers</h2>") && html.contains("#0 #1 #2 #3"), "the report names who ran what");
        assertFalse(String.join("\n", made.out(), made.err(), status.out(), html).contains(PostgresServer.PASSWORD),
                "the password is never printed or stored");
    }

    @Test
    void aTrainedStudyKeepsItsNetworksInTheDatabaseForEveryWorkerAndExportsThem() throws Exception {
        String url = server.newDatabase();
        String tiny = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize().toString();
        Cli.Result trained = nas(login, "--space", tiny, "--epochs", "1", "--budget", "2", "--db", url);
        assertEquals(0, trained.exitCode(), trained.toString());
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(DISTINCT trial) FROM checkpoint_part")) {
            row.next();
            assertEquals(2, row.getInt(1), "each trial's network is in the database");
        }
        try (var left = Files.list(directory)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".checkpoints")),
                    "nothing is kept on this machine");
        }
        Cli.Result export = nas(login, "export", "--db", url, "--front", "--out", directory.resolve("out").toString());
        assertEquals(0, export.exitCode(), export.toString());
        try (var models = Files.walk(directory.resolve("out"))) {
            assertTrue(models.anyMatch(p -> p.getFileName().toString().equals("model.zip")), export.toString());
        }
    }

    @Test
    void aServerThatCannotBeReachedOrLoggedInToAndAPasswordOnTheCommandLineAreRefused() throws Exception {
        Cli.Result unreachable = search("jdbc:postgresql://127.0.0.1:1/nothing");
        assertEquals(2, unreachable.exitCode(), unreachable.toString());
        assertTrue(unreachable.err().contains("cannot reach the PostgreSQL server"), unreachable.err());

        String url = server.newDatabase();
        Cli.Result wrong = nas(Map.of(ServerStudy.USER, PostgresServer.USER, ServerStudy.PASSWORD, "not-it"),
                "worker", "--study", url);
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("refused the login"), wrong.err());
        assertFalse(wrong.err().contains("not-it"), wrong.err());

        Cli.Result onCommandLine = search(url + "?password=" + PostgresServer.PASSWORD);
        assertEquals(2, onCommandLine.exitCode(), onCommandLine.toString());
        assertTrue(onCommandLine.err().contains("the URL holds a password"), onCommandLine.err());
        assertEquals(List.of(), tables(url), "nothing was made in the database");
    }

    @Test
    void aDatabaseThatIsNotAStudyIsRefusedAndLeftAsItIs() throws Exception {
        String url = server.newDatabase();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = c.createStatement()) {
            statement.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
        }
        Cli.Result search = search(url);
        assertEquals(2, search.exitCode(), search.toString());
        assertTrue(search.err().contains("not a study database") && search.err().contains("customers"),
                search.err());
        Cli.Result worker = nas(login, "worker", "--study", url);
        assertEquals(2, worker.exitCode(), worker.toString());
        assertTrue(worker.err().contains("no study at " + url), worker.err());
        assertEquals(List.of("customers"), tables(url));
    }

    @Test
    void aWorkerWithAnotherSpaceOrOtherDataIsRefusedAndTheStudyKeepsItsOwn() throws Exception {
        String url = server.newDatabase();
        assertEquals(0, search(url).exitCode());
        Path retargeted = directory.resolve("bench.yaml");
        Files.writeString(retargeted, Files.readString(Path.of(SPACE)).replace("target_latency_ms: 3.3",
                "target_latency_ms: 3.5"));
        Cli.Result otherSpace = nas(login, "worker", "--study", url, "--space", retargeted.toString());
        assertEquals(2, otherSpace.exitCode(), otherSpace.toString());
        assertTrue(otherSpace.err().contains("was made with other settings") && otherSpace.err().contains("space:"),
                otherSpace.err());

        Path edited = directory.resolve("bench.csv");
        List<String> rows = new ArrayList<>(Files.readAllLines(TABLE));
        rows.add(0, "# a copy, edited");
        Files.write(edited, rows);
        Cli.Result otherData = nas(login, "worker", "--study", url, "--objective", "table:" + edited);
        assertEquals(2, otherData.exitCode(), otherData.toString());
        assertTrue(otherData.err().contains("data: "), otherData.err());

        Cli.Result status = nas(login, "status", "--db", url);
        assertTrue(status.out().contains("trials      4: 4 complete"), status.out());
    }

    @Test
    void aSecondWorkerOnAStudyFileIsRefusedWithTheWayToManyWorkers() throws Exception {
        Cli.Running first = Cli.start(directory, "--space", SPACE, "--objective", "table:" + TABLE, "--epochs", "3",
                "--budget", "3", "--db", "file-study", "--table-epoch-seconds", "1");
        for (int i = 0; i < 200 && !first.outSoFar().contains("trial #0"); i++) {
            Thread.sleep(50);
        }
        Cli.Result second = Cli.run(directory, "worker", "--study", "file-study");
        assertEquals(2, second.exitCode(), second.toString());
        assertTrue(second.err().contains("in use by another process") && second.err().contains("PostgreSQL"),
                second.err());
        Cli.Result done = first.finish();
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(Cli.run(directory, "status", "--db", "file-study").out().contains("3 complete"));
    }

    private static List<String> tables(String url) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'public' ORDER BY table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
