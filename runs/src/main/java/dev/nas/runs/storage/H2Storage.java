package dev.nas.runs.storage;

import dev.nas.core.storage.StorageException;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyStore;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.BadInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An open study in an H2 database file: its settings, its trials (the {@link Storage} port) and its run options.
 * {@link H2StudyLocation} creates, opens and reads studies; every write here goes through one transaction helper.
 *
 * <pre>{@code
 * try (H2Storage storage = new H2StudyLocation(StudyFiles.of(Path.of("studies/mobile"))).open()) { ... }
 * }</pre>
 */
public final class H2Storage implements StudyStore {

    private final StudyFiles files;
    private final Connection connection;
    private final Runnable onClose;
    private StudySpec spec;

    H2Storage(StudyFiles files, Connection connection, StudySpec spec, Runnable onClose) {
        this.files = files;
        this.connection = connection;
        this.spec = spec;
        this.onClose = onClose;
    }

    public StudySpec spec() {
        return spec;
    }

    /** Sets a new budget for the study, e.g. to continue it further. */
    public void setBudget(double budget) {
        transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE study SET budget = ? WHERE id = 1")) {
                update.setDouble(1, budget);
                update.executeUpdate();
            }
            return null;
        });
        spec = spec.withBudget(budget);
    }

    public StudyFiles files() {
        return files;
    }

    /** When the study was created, and by which nas, Java and operating system. */
    public record Provenance(Instant created, String nasVersion, String java, String os) {
    }

    public Provenance provenance() {
        return transaction(c -> {
            try (Statement statement = c.createStatement();
                 ResultSet row = statement.executeQuery("SELECT created, nas_version, java, os FROM study")) {
                row.next();
                return new Provenance(row.getObject("created", OffsetDateTime.class).toInstant(),
                        row.getString("nas_version"), row.getString("java"), row.getString("os"));
            }
        });
    }

    @Override
    public List<Trial> trials() {
        return transaction(c -> {
            Map<Integer, List<EpochRecord>> epochs = new HashMap<>();
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM epoch ORDER BY trial, epoch")) {
                while (rows.next()) {
                    epochs.computeIfAbsent(rows.getInt("trial"), k -> new ArrayList<>()).add(Rows.epoch(rows));
                }
            }
            List<Trial> trials = new ArrayList<>();
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM trial ORDER BY number")) {
                while (rows.next()) {
                    trials.add(Rows.trial(rows, epochs.getOrDefault(rows.getInt("number"), List.of())));
                }
            }
            return trials;
        });
    }

    @Override
    public void insert(Trial running) {
        if (running.outcome().isPresent()) {
            throw new BadInput("trial " + running.number() + " has finished; insert running trials");
        }
        transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO trial (number, candidate, seed, epochs, state, attributes, started, parent,
                        parent_epochs, heartbeat)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setInt(1, running.number());
                insert.setString(2, running.candidate().key());
                insert.setLong(3, running.seed());
                insert.setInt(4, running.epochs());
                insert.setString(5, TrialState.RUNNING.name());
                insert.setString(6, Rows.json(running.attributes()));
                insert.setObject(7, Rows.timestamp(running.started()));
                insert.setObject(8, running.parent().map(Parent::trial).orElse(null));
                insert.setObject(9, running.parent().map(Parent::epochs).orElse(null));
                insert.setObject(10, Rows.timestamp(running.started()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordEpoch(int trial, EpochRecord epoch, Instant now) {
        transaction(c -> {
            try (PreparedStatement heartbeat = c.prepareStatement(
                    "UPDATE trial SET heartbeat = ? WHERE number = ? AND state = 'RUNNING'")) {
                heartbeat.setObject(1, Rows.timestamp(now));
                heartbeat.setInt(2, trial);
                if (heartbeat.executeUpdate() != 1) {
                    throw new StorageException("trial " + trial + " is not running in " + files);
                }
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM epoch WHERE trial = ? AND epoch >= ?")) {
                delete.setInt(1, trial);
                delete.setInt(2, epoch.epoch());
                delete.executeUpdate();
            }
            Rows.insertEpochs(c, trial, List.of(epoch));
            return null;
        });
    }

    @Override
    public List<EpochRecord> epochsSoFar(int trial) {
        return transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT * FROM epoch WHERE trial = ? ORDER BY epoch")) {
                select.setInt(1, trial);
                try (ResultSet rows = select.executeQuery()) {
                    List<EpochRecord> epochs = new ArrayList<>();
                    while (rows.next()) {
                        epochs.add(Rows.epoch(rows));
                    }
                    return epochs;
                }
            }
        });
    }

    /** What the command line was given besides the study's settings, so that {@code nas resume} can repeat it. */
    public Map<String, String> runOptions() {
        return transaction(c -> {
            try (Statement statement = c.createStatement();
                 ResultSet row = statement.executeQuery("SELECT run_options FROM study WHERE id = 1")) {
                row.next();
                return Rows.attributes(row.getString(1));
            }
        });
    }

    public void setRunOptions(Map<String, String> options) {
        transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE study SET run_options = ? WHERE id = 1")) {
                update.setString(1, Rows.json(options));
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void finish(Trial finished, List<Integer> front) {
        Outcome outcome = finished.outcome().orElseThrow(() ->
                new IllegalArgumentException("trial " + finished.number() + " has not finished"));
        transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE trial SET state = ?, finished = ?, failure = ?, accuracy = ?, latency_ms = ?,
                        latency_spread_ms = ?, latency_runs = ?, latency_source = ?, device = ?, threads = ?, cpu = ?,
                        jvm = ?, backend = ?, params = ?, macs = ?, train_seconds = ?, images_per_second = ?
                    WHERE number = ? AND state = 'RUNNING'""")) {
                Rows.bindOutcome(update, finished);
                update.setInt(18, finished.number());
                if (update.executeUpdate() != 1) {
                    throw new StorageException("trial " + finished.number() + " is not running in " + files);
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM epoch WHERE trial = ?")) {
                delete.setInt(1, finished.number());
                delete.executeUpdate();
            }
            Rows.insertEpochs(c, finished.number(), outcome.epochs());
            Rows.writeFront(c, front);
            return null;
        });
    }

    @Override
    public List<Integer> front() {
        return transaction(c -> {
            List<Integer> front = new ArrayList<>();
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT trial FROM pareto_front ORDER BY position")) {
                while (rows.next()) {
                    front.add(rows.getInt(1));
                }
            }
            return front;
        });
    }

    @Override
    public void close() {
        closeQuietly(connection);
        onClose.run();
    }

    /** The one place that commits and rolls back. */
    <T> T transaction(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("study database " + files + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing is best effort; the file lock is released when the process ends anyway
        }
    }
}
