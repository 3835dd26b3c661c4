package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.runs.storage.PostgresServer;
import dev.nas.runs.storage.ServerStudy;
import dev.nas.runs.storage.StudySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many worker processes on one study on a real PostgreSQL server, SIGKILLed at random and replaced, scoring from a
 * table with a simulated training time: the budget is met exactly, every trial completes once, no trial is ever
 * trained by two workers at once, and nothing finished is lost or changed.
 */
class ManyWorkersTest {

    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
    private static final int BUDGET = 32;
    private static final int EPOCHS = 9;
    private static final int KILLS = 12;

    @TempDir
    Path directory;

    @Test
    void workersKilledAtRandomAndReplacedMeetTheBudgetExactlyAndLoseNothing() throws Exception {
        PostgresServer server = PostgresServer.get();
        String url = server.newDatabase();
        Map<String, String> environment = Map.of(ServerStudy.USER, PostgresServer.USER, ServerStudy.PASSWORD_FILE,
                server.passwordFile(directory).toString());
        ServerStudy study = new ServerStudy(url, new ServerStudy.Credentials(Optional.of(PostgresServer.USER),
                Optional.of(PostgresServer.PASSWORD)));

        List<Cli.Running> workers = new ArrayList<>();
        workers.add(Cli.start(directory, environment, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--epochs", "" + EPOCHS, "--budget", "" + BUDGET, "--db", url, "--lease", "2",
                "--table-epoch-seconds", "0.2"));
        auditEpochsOnceTheStudyExists(url);
        for (int i = 0; i < 600 && !study.location().exists(); i++) {
            Thread.sleep(20); // the tables are made a moment before the study is recorded in them
        }
        for (int i = 0; i < 3; i++) {
            workers.add(Cli.start(directory, environment, "worker", "--study", url));
        }
        Random random = new Random(16);
        Map<Integer, Trial> finished = new HashMap<>();
        int completedAtLastKill = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(700 + random.nextInt(600));
            completedAtLastKill = watch(study, finished);
            // every other kill hits a worker in the middle of a trial, so a takeover is certain, not left to timing
            int index = kill % 2 == 1 ? holderOfAStartedTrial(url, workers).orElse(-1) : -1;
            Cli.Running victim = workers.remove(index >= 0 ? index : random.nextInt(workers.size()));
            victim.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last write
            Files.deleteIfExists(victim.out());
            Files.deleteIfExists(victim.err());
            workers.add(Cli.start(directory, environment, "worker", "--study", url));
        }
        for (Cli.Running worker : workers) {
            Cli.Result result = worker.finish();
            assertEquals(0, result.exitCode(), result.toString());
        }
        assertTrue(completedAtLastKill < BUDGET, "the workers were killed while the search ran");

        watch(study, finished);
        StudySnapshot end = study.location().snapshot();
        StudySpec spec = end.spec();
        assertEquals(IntStream.range(0, BUDGET).boxed().toList(), end.trials().stream().map(Trial::number).toList());
        assertTrue(end.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE), end.trials().toString());
        assertEquals(BUDGET, spec.spent(end.trials()), 1e-9, "the budget is met exactly");
        for (Trial trial : end.trials()) {
            assertEquals(IntStream.rangeClosed(1, EPOCHS).boxed().toList(),
                    trial.outcome().orElseThrow().epochs().stream().map(EpochRecord::epoch).toList());
        }
        assertEquals(spec.front(end.trials()).stream().map(Trial::number).toList(),
                study.location().read(s -> s.front()), "the stored front is the front of the stored trials");

        Map<Integer, List<String[]>> audit = audit(url);
        int takenOver = 0;
        for (Map.Entry<Integer, List<String[]>> trial : audit.entrySet()) {
            List<String> holders = new ArrayList<>();
            int last = 0;
            for (String[] row : trial.getValue()) {
                int epoch = Integer.parseInt(row[0]);
                assertTrue(epoch > last, "trial " + trial.getKey() + " trained epoch " + epoch + " again after "
                        + last + ": two workers ran it at once, or a takeover started over");
                last = epoch;
                if (holders.isEmpty() || !holders.get(holders.size() - 1).equals(row[1])) {
                    assertTrue(!holders.contains(row[1]), "trial " + trial.getKey() + " went back to " + row[1]);
                    holders.add(row[1]);
                }
            }
            takenOver += holders.size() > 1 ? 1 : 0;
        }
        assertTrue(audit.size() > BUDGET / 2, "epochs were audited for " + audit.size() + " trials");
        assertTrue(takenOver > 0, "some trial was taken over from a killed worker");
    }

    /** Finished trials as first seen; a finished trial seen again must not have changed. Returns how many. */
    private static int watch(ServerStudy study, Map<Integer, Trial> finished) {
        List<Trial> trials = study.location().read(s -> s.trials());
        for (Trial trial : trials) {
            if (trial.outcome().isPresent()) {
                Trial before = finished.putIfAbsent(trial.number(), trial);
                assertTrue(before == null || before.equals(trial), "finished trial " + trial.number() + " changed");
            }
        }
        return (int) trials.stream().filter(t -> t.outcome().isPresent()).count();
    }

    /**
     * Records, as each running trial's epoch is stored, which worker held the trial: a trigger of the test's own,
     * installed as soon as the first worker has made the tables.
     */
    private static void auditEpochsOnceTheStudyExists(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = c.createStatement()) {
            for (int i = 0; i < 600; i++) {
                try (ResultSet row = statement.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'epoch'")) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            statement.execute("CREATE TABLE audit (id SERIAL PRIMARY KEY, trial INT, epoch INT, worker VARCHAR)");
            statement.execute("""
                    CREATE FUNCTION audit_epoch() RETURNS trigger AS $$ BEGIN
                        INSERT INTO audit (trial, epoch, worker) SELECT NEW.trial, NEW.epoch, t.worker FROM trial t
                            WHERE t.number = NEW.trial AND t.state = 'RUNNING';
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            statement.execute("CREATE TRIGGER audit AFTER INSERT ON epoch FOR EACH ROW EXECUTE FUNCTION audit_epoch()");
        }
    }

    /**
     * The index of a worker that holds a running trial with some epochs stored and at least two still to train, so
     * that the trial is certain to be taken over; waiting up to a minute for one, as workers start slowly on a busy
     * machine.
     */
    private static Optional<Integer> holderOfAStartedTrial(String url, List<Cli.Running> workers) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement statement = c.prepareStatement("SELECT w.pid FROM trial t"
                     + " JOIN worker w ON w.id = t.worker WHERE t.state = 'RUNNING'"
                     + " AND (SELECT MAX(e.epoch) FROM epoch e WHERE e.trial = t.number) < ?")) {
            statement.setInt(1, EPOCHS - 1);
            for (int i = 0; i < 3000; i++) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long pid = rows.getLong(1);
                        for (int w = 0; w < workers.size(); w++) {
                            if (workers.get(w).process().pid() == pid) {
                                return Optional.of(w);
                            }
                        }
                    }
                }
                Thread.sleep(20);
            }
        }
        return Optional.empty();
    }

    /** Per trial, in the order stored: each audited epoch and its worker. */
    private static Map<Integer, List<String[]>> audit(String url) throws Exception {
        Map<Integer, List<String[]>> audit = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT trial, epoch, worker FROM audit ORDER BY id")) {
            while (rows.next()) {
                audit.computeIfAbsent(rows.getInt(1), t -> new ArrayList<>())
                        .add(new String[] {Integer.toString(rows.getInt(2)), rows.getString(3)});
            }
        }
        return audit;
    }
}
