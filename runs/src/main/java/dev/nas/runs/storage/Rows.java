package dev.nas.runs.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.storage.Queued;
import dev.nas.core.storage.StorageException;
import dev.nas.core.study.ChannelStats;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
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
import dev.nas.core.trial.Quantized;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.runs.Version;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.yaml.SpaceLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How studies, trials and epochs map to the rows of a study database, both ways. */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parameters of the outcome's update that {@link #bindOutcome} binds. */
    static final int OUTCOME_PARAMETERS = 25;

    private Rows() {
    }

    /** Binds parameters 1 to {@value #OUTCOME_PARAMETERS} of the update that records how {@code finished} ended. */
    static void bindOutcome(PreparedStatement update, Trial finished) throws SQLException {
        Outcome outcome = finished.outcome().orElseThrow();
        update.setString(1, finished.state().name());
        update.setObject(2, timestamp(finished.finished().orElseThrow()));
        update.setString(3, finished.reason().orElse(null));
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
        Optional<Quantized> quantized = evaluation.flatMap(Evaluation::quantized);
        setDouble(update, 18, quantized.map(Quantized::accuracy));
        setLong(update, 19, quantized.map(Quantized::bytes));
        setLong(update, 20, quantized.map(Quantized::floatBytes));
        Optional<Latency> compared = evaluation.flatMap(Evaluation::comparedLatency);
        setDouble(update, 21, compared.map(Latency::medianMs));
        setDouble(update, 22, compared.map(Latency::spreadMs));
        setInt(update, 23, compared.map(Latency::runs));
        update.setString(24, compared.map(l -> l.conditions().backend()).orElse(null));
        update.setString(25, evaluation.map(e -> measures(e.measures())).orElse(null));
    }

    static void insertEpochs(Connection c, int trial, List<EpochRecord> epochs) throws SQLException {
        insertEpochs(c, "INSERT INTO epoch (trial, epoch, train_loss, validation_accuracy, seconds) "
                + "VALUES (?, ?, ?, ?, ?)", trial, epochs);
    }

    private static void insertEpochs(Connection c, String sql, int trial, List<EpochRecord> epochs)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
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

    static EpochRecord epoch(ResultSet row) throws SQLException {
        return new EpochRecord(row.getInt("epoch"), row.getDouble("train_loss"), row.getDouble("validation_accuracy"),
                row.getDouble("seconds"));
    }

    static void writeFront(Connection c, List<Integer> front) throws SQLException {
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

    static Trial trial(ResultSet row, List<EpochRecord> epochs) throws SQLException {
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
        return running.finish(outcome(row, state, epochs), finished);
    }

    /** A warm-start trial as its row keeps it: another study's result, complete, with neither parent nor worker. */
    static Trial warmTrial(ResultSet row, List<EpochRecord> epochs) throws SQLException {
        Trial started = Trial.start(row.getInt("number"), Candidate.parse(row.getString("candidate")),
                row.getLong("seed"), Optional.empty(), row.getInt("epochs"), attributes(row.getString("attributes")),
                row.getObject("started", OffsetDateTime.class).toInstant());
        return started.finish(outcome(row, TrialState.valueOf(row.getString("state")), epochs),
                row.getObject("finished", OffsetDateTime.class).toInstant());
    }

    /** Writes the trials a study is warm-started with, and names their source in the study's row. */
    static void insertWarmStart(Connection c, WarmStart warm) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE study SET warm_start = ? WHERE id = 1")) {
            update.setString(1, warm.source());
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO warm_trial (state, finished, failure, accuracy, latency_ms, latency_spread_ms,
                    latency_runs, latency_source, device, threads, cpu, jvm, backend, params, macs, train_seconds,
                    images_per_second, quantized_accuracy, quantized_bytes, float_bytes, compared_latency_ms,
                    compared_latency_spread_ms, compared_latency_runs, compared_backend, measures,
                    number, candidate, seed, epochs, attributes, started)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?, ?, ?, ?)""")) {
            for (Trial t : warm.trials()) {
                bindOutcome(insert, t);
                insert.setInt(OUTCOME_PARAMETERS + 1, t.number());
                insert.setString(OUTCOME_PARAMETERS + 2, t.candidate().key());
                insert.setLong(OUTCOME_PARAMETERS + 3, t.seed());
                insert.setInt(OUTCOME_PARAMETERS + 4, t.epochs());
                insert.setString(OUTCOME_PARAMETERS + 5, json(t.attributes()));
                insert.setObject(OUTCOME_PARAMETERS + 6, timestamp(t.started()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        for (Trial t : warm.trials()) {
            insertEpochs(c, "INSERT INTO warm_epoch (trial, epoch, train_loss, validation_accuracy, seconds) "
                    + "VALUES (?, ?, ?, ?, ?)", t.number(), t.outcome().orElseThrow().epochs());
        }
    }

    /** A queued candidate as its row keeps it. */
    static Queued queued(ResultSet row) throws SQLException {
        return new Queued(row.getInt("position"), Candidate.parse(row.getString("candidate")),
                row.getString("source"), row.getObject("enqueued", OffsetDateTime.class).toInstant());
    }

    /** How a finished trial ended, as the outcome columns of its row say. */
    private static Outcome outcome(ResultSet row, TrialState state, List<EpochRecord> epochs) throws SQLException {
        return switch (state) {
            case COMPLETE -> {
                Conditions conditions = new Conditions(row.getString("device"), row.getInt("threads"),
                        row.getString("cpu"), row.getString("jvm"), row.getString("backend"));
                double accuracy = row.getDouble("quantized_accuracy");
                Optional<Quantized> quantized = row.wasNull() ? Optional.empty() : Optional.of(new Quantized(accuracy,
                        row.getLong("quantized_bytes"), row.getLong("float_bytes")));
                double comparedMs = row.getDouble("compared_latency_ms");
                // The second engine measured on the same machine, on one thread, as the first.
                Optional<Latency> compared = row.wasNull() ? Optional.empty() : Optional.of(new Latency(comparedMs,
                        row.getDouble("compared_latency_spread_ms"), row.getInt("compared_latency_runs"),
                        LatencySource.MEASURED, new Conditions(conditions.device(), conditions.threads(),
                        conditions.cpu(), conditions.jvm(), row.getString("compared_backend"))));
                yield new Completed(new Evaluation(epochs,
                        new Latency(row.getDouble("latency_ms"), row.getDouble("latency_spread_ms"),
                                row.getInt("latency_runs"), LatencySource.valueOf(row.getString("latency_source")),
                                conditions),
                        new Cost(row.getLong("params"), row.getLong("macs")), row.getDouble("train_seconds"),
                        row.getDouble("images_per_second"), quantized, compared, measures(row.getString("measures"))));
            }
            case FAILED -> new Failed(row.getString("failure"), epochs);
            case PRUNED -> new Pruned(row.getString("failure"), epochs);
            case RUNNING -> throw new IllegalStateException("a running trial has no outcome");
        };
    }

    /**
     * The settings in the study row {@code row} of schema {@code version}; its space is parsed again, named as
     * stored in {@code where}. A study from before controller settings were stored ran its preset's defaults.
     */
    static StudySpec spec(ResultSet row, String where, int version) throws SQLException {
        String origin = row.getString("space_origin");
        SearchSpace space = SpaceLoader.parse(row.getString("space_yaml"), origin + " (as stored in " + where + ")");
        ControllerSpec controller = ControllerSpec.of(row.getString("controller"),
                version >= 5 ? attributes(row.getString("controller_settings")) : Map.of());
        return new StudySpec(row.getString("name"), space, row.getString("space_yaml"), origin,
                controller, row.getLong("seed"), row.getDouble("budget"),
                new Epochs(row.getInt("epochs_min"), row.getInt("epochs_max")),
                DataRef.stored(row.getString("data_description"), row.getString("data_sha256"),
                        version >= 7 ? list(row.getString("class_names")) : List.of(),
                        version >= 8 ? channelStats(row.getString("normalization")) : Optional.empty()));
    }

    static void insertStudy(Connection c, StudySpec spec, Map<String, String> runOptions) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO study (id, name, space_origin, space_yaml, controller, seed, budget, epochs_min,
                    epochs_max, data_description, data_sha256, created, nas_version, java, os, run_options,
                    controller_settings, class_names, normalization)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, spec.name());
            insert.setString(2, spec.spaceOrigin());
            insert.setString(3, spec.spaceYaml());
            insert.setString(4, spec.controller().name());
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
            insert.setString(16, json(spec.controller().parameters()));
            insert.setString(17, json(spec.data() instanceof DataRef.Images images ? images.classNames() : List.of()));
            Optional<ChannelStats> normalization = spec.data() instanceof DataRef.Images images
                    ? images.normalization() : Optional.empty();
            insert.setString(18, normalization.map(Rows::json).orElse(null));
            insert.executeUpdate();
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string maps always serialise", e);
        }
    }

    static String json(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string lists always serialise", e);
        }
    }

    static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable string list " + json, e);
        }
    }

    static String json(ChannelStats stats) {
        try {
            return JSON.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("numbers always serialise", e);
        }
    }

    static Optional<ChannelStats> channelStats(String json) {
        try {
            return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, ChannelStats.class));
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable channel statistics " + json, e);
        }
    }

    /** Objective values by name, in name order; every value is finite. */
    static String measures(Map<String, Double> values) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("finite numbers always serialise", e);
        }
    }

    /** The objective values a row keeps; none in a trial of a nas before they were stored. */
    static Map<String, Double> measures(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable objective values " + json, e);
        }
    }

    static Map<String, String> attributes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable string map " + json, e);
        }
    }

    static void setDouble(PreparedStatement s, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent()) {
            s.setDouble(index, value.get());
        } else {
            s.setNull(index, Types.DOUBLE);
        }
    }

    static void setInt(PreparedStatement s, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            s.setInt(index, value.get());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    static void setLong(PreparedStatement s, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }
}
