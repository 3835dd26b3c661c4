package dev.nas.runs.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.storage.Storage;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Pruned;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.runs.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An open study in an H2 database file: its settings, its trials (the {@link Storage} port) and its run options.
 * {@link H2Studies} creates, opens and reads studies; every write here goes through one transaction helper.
 *
 * <pre>{@code
 * try (H2Storage storage = H2Studies.open(StudyFiles.of(Path.of("studies/mobile")))) { ... }
 * }</pre>
 */
public final class H2Storage implements Storage {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    epochs.computeIfAbsent(rows.getInt("trial"), k -> new ArrayList<>()).add(epoch(rows));
                }
            }
            List<Trial> trials = new ArrayList<>();
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM trial ORDER BY number")) {
                while (rows.next()) {
                    trials.add(trial(rows, epochs.getOrDefault(rows.getInt("number"), List.of())));
                }
            }
            return trials;
        });
    }

    @Override
    public void insert(Trial running) {
        if (running.outcome().isPresent()) {
            throw new IllegalArgumentException("trial " + running.number() + " has finished; insert running trials");
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
                insert.setString(6, json(running.attributes()));
                insert.setObject(7, timestamp(running.started()));
                insert.setObject(8, running.parent().map(Parent::trial).orElse(null));
                insert.setObject(9, running.parent().map(Parent::epochs).orElse(null));
                insert.setObject(10, timestamp(running.started()));
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
                heartbeat.setObject(1, timestamp(now));
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
            insertEpochs(c, trial, List.of(epoch));
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
                        epochs.add(epoch(rows));
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
                return attributes(row.getString(1));
            }
        });
    }

    public void setRunOptions(Map<String, String> options) {
        transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE study SET run_options = ? WHERE id = 1")) {
                update.setString(1, json(options));
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
                update.setString(1, finished.state().name());
                update.setObject(2, timestamp(finished.finished().orElseThrow()));
                update.setString(3, outcome instanceof Failed failed ? failed.reason() : null);
                Optional<Evaluation> evaluation = finished.evaluation();
                setDouble(update, 4, evaluation.map(Evaluation::accuracy));
                setDouble(update, 5, evaluation.map(e -> e.latency().medianMs()));
                setDouble(update, 6, evaluation.map(e -> e.latency().spreadMs()));
                setInt(update, 7, evaluation.map(e -> e.latency().runs()));
                update.setString(8, evaluation.map(e -> e.latency().source().name()).orElse(null));
                Optional<Conditions> conditions = evaluation.map(e -> e.latency().conditions());
                update.setString(9, conditions.map(Conditions::device).orElse(null));
                setInt(update, 10, conditions.map(Conditions::threads));
                update.setString(11, conditions.map(Conditions::cpu).orElse(null));
                update.setString(12, conditions.map(Conditions::jvm).orElse(null));
                update.setString(13, conditions.map(Conditions::backend).orElse(null));
                setLong(update, 14, evaluation.map(e -> e.cost().params()));
                setLong(update, 15, evaluation.map(e -> e.cost().macs()));
                setDouble(update, 16, evaluation.map(Evaluation::trainSeconds));
                setDouble(update, 17, evaluation.map(Evaluation::imagesPerSecond));
                update.setInt(18, finished.number());
                if (update.executeUpdate() != 1) {
                    throw new StorageException("trial " + finished.number() + " is not running in " + files);
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM epoch WHERE trial = ?")) {
                delete.setInt(1, finished.number());
                delete.executeUpdate();
            }
            insertEpochs(c, finished.number(), outcome.epochs());
            writeFront(c, front);
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

    private static void insertEpochs(Connection c, int trial, List<EpochRecord> epochs) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO epoch (trial, epoch, train_loss, validation_accuracy, seconds) VALUES (?, ?, ?, ?, ?)")) {
            for (EpochRecord epoch : epochs) {
                insert.setInt(1, trial);
                insert.setInt(2, epoch.epoch());
                insert.setDouble(3, epoch.trainLoss());
                insert.setDouble(4, epoch.validationAccuracy());
                insert.setDouble(5, epoch.seconds());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static EpochRecord epoch(ResultSet row) throws SQLException {
        return new EpochRecord(row.getInt("epoch"), row.getDouble("train_loss"), row.getDouble("validation_accuracy"),
                row.getDouble("seconds"));
    }

    private static void writeFront(Connection c, List<Integer> front) throws SQLException {
        try (Statement delete = c.createStatement()) {
            delete.execute("DELETE FROM pareto_front");
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO pareto_front (position, trial) VALUES (?, ?)")) {
            for (int i = 0; i < front.size(); i++) {
                insert.setInt(1, i);
                insert.setInt(2, front.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Trial trial(ResultSet row, List<EpochRecord> epochs) throws SQLException {
        int number = row.getInt("number");
        Candidate candidate = Candidate.parse(row.getString("candidate"));
        Instant started = row.getObject("started", OffsetDateTime.class).toInstant();
        int parentTrial = row.getInt("parent");
        Optional<Parent> parent = row.wasNull() ? Optional.empty()
                : Optional.of(new Parent(parentTrial, row.getInt("parent_epochs")));
        Trial running = Trial.start(number, candidate, row.getLong("seed"), parent, row.getInt("epochs"),
                attributes(row.getString("attributes")), started);
        TrialState state = TrialState.valueOf(row.getString("state"));
        if (state == TrialState.RUNNING) {
            return running;
        }
        Instant finished = row.getObject("finished", OffsetDateTime.class).toInstant();
        Outcome outcome = switch (state) {
            case COMPLETE -> new Completed(new Evaluation(epochs,
                    new Latency(row.getDouble("latency_ms"), row.getDouble("latency_spread_ms"),
                            row.getInt("latency_runs"), LatencySource.valueOf(row.getString("latency_source")),
                            new Conditions(row.getString("device"), row.getInt("threads"), row.getString("cpu"),
                                    row.getString("jvm"), row.getString("backend"))),
                    new Cost(row.getLong("params"), row.getLong("macs")), row.getDouble("train_seconds"),
                    row.getDouble("images_per_second")));
            case FAILED -> new Failed(row.getString("failure"), epochs);
            case PRUNED -> new Pruned(epochs);
            case RUNNING -> throw new IllegalStateException("handled above");
        };
        return running.finish(outcome, finished);
    }

    static void insertStudy(Connection c, StudySpec spec, Map<String, String> runOptions) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO study (id, name, space_origin, space_yaml, controller, seed, budget, epochs_min,
                    epochs_max, data_description, data_sha256, created, nas_version, java, os, run_options)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, spec.name());
            insert.setString(2, spec.spaceOrigin());
            insert.setString(3, spec.spaceYaml());
            insert.setString(4, spec.controller());
            insert.setLong(5, spec.seed());
            insert.setDouble(6, spec.budget());
            insert.setInt(7, spec.epochs().min());
            insert.setInt(8, spec.epochs().max());
            insert.setString(9, spec.data().description());
            insert.setString(10, spec.data().sha256());
            insert.setObject(11, timestamp(Instant.now()));
            insert.setString(12, Version.nas());
            insert.setString(13, "Java " + Runtime.version() + " " + System.getProperty("java.vm.name"));
            insert.setString(14, System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            insert.setString(15, json(runOptions));
            insert.executeUpdate();
        }
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

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string maps always serialise", e);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable string map " + json, e);
        }
    }

    private static void setDouble(PreparedStatement s, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent()) {
            s.setDouble(index, value.get());
        } else {
            s.setNull(index, Types.DOUBLE);
        }
    }

    private static void setInt(PreparedStatement s, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            s.setInt(index, value.get());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    private static void setLong(PreparedStatement s, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing is best effort; the file lock is released when the process ends anyway
        }
    }
}
