package dev.nas.runs.storage;

import dev.nas.core.storage.Claimable;
import dev.nas.core.storage.Queued;
import dev.nas.core.storage.StorageException;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyStore;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Outcome;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An open study in a SQL database, an H2 file or a PostgreSQL server alike: its settings, its trials (the
 * {@link dev.nas.core.storage.Storage} port) and its run options. The locations create, open and read studies; every
 * write here goes through one transaction helper, in SQL both databases speak.
 *
 * <p>A study opened to search is opened by one worker ({@link Workers.Worker}). Claims and finishes lock the study's
 * row first, so that they happen one at a time across all workers; a trial's writes are fenced by its worker, so a
 * worker that lost a trial (its lease lapsed and another took it over) cannot change it any more.
 */
public final class SqlStorage implements StudyStore {

    private final String where;
    private final Connection connection;
    private final Runnable onClose;
    private final ScheduledExecutorService renewals;
    private final Optional<Workers.Worker> worker;
    private ScheduledFuture<?> nextRenewal;
    private StudySpec spec;

    /**
     * A study opened to read ({@code worker} empty), or to search as {@code worker}, which is registered in the study
     * and, where leases lapse, keeps them by renewing them from a thread of its own.
     */
    SqlStorage(String where, Connection connection, StudySpec spec, Optional<Workers.Worker> worker,
               Runnable onClose) {
        this.where = where;
        this.connection = connection;
        this.spec = spec;
        this.worker = worker;
        this.onClose = onClose;
        worker.ifPresent(w -> transaction(c -> {
            Workers.register(c, w);
            return null;
        }));
        this.renewals = worker.map(w -> Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "nas-lease");
            thread.setDaemon(true);
            return thread;
        })).orElse(null);
        if (renewals != null) {
            scheduleRenewal(transaction(Workers::lease));
        }
    }

    public StudySpec spec() {
        return spec;
    }

    /** Where the study is, for messages. */
    public String where() {
        return where;
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

    /**
     * The machine the study's measured latencies belong to: {@code here}, if no worker measured before; else the
     * machine the first one measured on, which this worker must match, since latencies measured on different
     * machines are not comparable.
     */
    public String latencyMachine(String here) {
        return transaction(c -> {
            lockStudy(c);
            try (Statement statement = c.createStatement();
                 ResultSet row = statement.executeQuery("SELECT latency_machine FROM study WHERE id = 1")) {
                row.next();
                String stored = row.getString(1);
                if (stored != null) {
                    return stored;
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE study SET latency_machine = ? WHERE id = 1")) {
                update.setString(1, here);
                update.executeUpdate();
            }
            return here;
        });
    }

    /** The workers that have joined the study, and which worker ran or runs each trial. */
    public Workers.Roster workers() {
        return transaction(Workers::roster);
    }

    @Override
    public List<Trial> trials() {
        return transaction(SqlStorage::trials);
    }

    private static List<Trial> trials(Connection c) throws SQLException {
        Map<Integer, List<EpochRecord>> epochs = epochs(c, "SELECT * FROM epoch ORDER BY trial, epoch");
        List<Trial> trials = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM trial ORDER BY number")) {
            while (rows.next()) {
                trials.add(Rows.trial(rows, epochs.getOrDefault(rows.getInt("number"), List.of())));
            }
        }
        return trials;
    }

    private static Map<Integer, List<EpochRecord>> epochs(Connection c, String query) throws SQLException {
        Map<Integer, List<EpochRecord>> epochs = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(query);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                epochs.computeIfAbsent(rows.getInt("trial"), k -> new ArrayList<>()).add(Rows.epoch(rows));
            }
        }
        return epochs;
    }

    @Override
    public List<Trial> warmTrials() {
        return transaction(c -> {
            Map<Integer, List<EpochRecord>> epochs = epochs(c, "SELECT * FROM warm_epoch ORDER BY trial, epoch");
            List<Trial> trials = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM warm_trial ORDER BY number");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    trials.add(Rows.warmTrial(rows, epochs.getOrDefault(rows.getInt("number"), List.of())));
                }
            }
            return trials;
        });
    }

    @Override
    public Optional<String> warmStartSource() {
        return transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT warm_start FROM study WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return Optional.ofNullable(row.getString(1));
            }
        });
    }

    @Override
    public List<Queued> queue() {
        return transaction(SqlStorage::queue);
    }

    private static List<Queued> queue(Connection c) throws SQLException {
        List<Queued> queue = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM queued_candidate ORDER BY position");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                queue.add(Rows.queued(rows));
            }
        }
        return queue;
    }

    /** Queues under the study's lock, so that candidates queued by two commands at once keep distinct positions. */
    @Override
    public List<Queued> enqueue(List<Candidate> candidates, String source, Instant now) {
        return transaction(c -> {
            lockStudy(c);
            int next;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COALESCE(MAX(position) + 1, 0) FROM queued_candidate");
                 ResultSet row = select.executeQuery()) {
                row.next();
                next = row.getInt(1);
            }
            List<Queued> added = new ArrayList<>();
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO queued_candidate (position, candidate, source, enqueued) VALUES (?, ?, ?, ?)")) {
                for (Candidate candidate : candidates) {
                    Queued queued = new Queued(next + added.size(), candidate, source, now);
                    insert.setInt(1, queued.position());
                    insert.setString(2, candidate.key());
                    insert.setString(3, source);
                    insert.setObject(4, Rows.timestamp(now));
                    insert.executeUpdate();
                    added.add(queued);
                }
            }
            return added;
        });
    }

    @Override
    public Optional<Trial> claim(Function<Claimable, Optional<Trial>> choose) {
        Workers.Worker me = writer();
        return transaction(c -> {
            lockStudy(c);
            List<Trial> all = trials(c);
            List<Integer> gone = Workers.abandoned(c, me);
            List<Trial> abandoned = all.stream().filter(t -> gone.contains(t.number())).toList();
            Optional<Trial> chosen = choose.apply(new Claimable(all, abandoned, queue(c)));
            if (chosen.isPresent()) {
                Trial trial = chosen.get();
                if (abandoned.contains(trial)) {
                    Workers.takeOver(c, me, trial.number());
                } else if (trial.number() == all.size() && trial.outcome().isEmpty()) {
                    insert(c, trial, me);
                } else {
                    throw new IllegalStateException("trial " + trial.number() + " is neither the next one nor "
                            + "abandoned in " + where);
                }
            }
            return chosen;
        });
    }

    private static void insert(Connection c, Trial running, Workers.Worker me) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO trial (number, candidate, seed, epochs, state, attributes, started, parent,
                    parent_epochs, worker, heartbeat)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)""")) {
            insert.setInt(1, running.number());
            insert.setString(2, running.candidate().key());
            insert.setLong(3, running.seed());
            insert.setInt(4, running.epochs());
            insert.setString(5, TrialState.RUNNING.name());
            insert.setString(6, Rows.json(running.attributes()));
            insert.setObject(7, Rows.timestamp(running.started()));
            Rows.setInt(insert, 8, running.parent().map(Parent::trial));
            Rows.setInt(insert, 9, running.parent().map(Parent::epochs));
            insert.setString(10, me.id());
            insert.executeUpdate();
        }
    }

    @Override
    public void recordEpoch(int trial, EpochRecord epoch) {
        Workers.Worker me = writer();
        transaction(c -> {
            Workers.renewTrial(c, me, trial, where);
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
    public void finish(Trial finished, Function<List<Trial>, List<Integer>> frontOf) {
        Outcome outcome = finished.outcome().orElseThrow(() ->
                new IllegalArgumentException("trial " + finished.number() + " has not finished"));
        Workers.Worker me = writer();
        transaction(c -> {
            lockStudy(c);
            Workers.renewTrial(c, me, finished.number(), where);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE trial SET state = ?, finished = ?, failure = ?, accuracy = ?, latency_ms = ?,
                        latency_spread_ms = ?, latency_runs = ?, latency_source = ?, device = ?, threads = ?, cpu = ?,
                        jvm = ?, backend = ?, params = ?, macs = ?, train_seconds = ?, images_per_second = ?,
                        quantized_accuracy = ?, quantized_bytes = ?, float_bytes = ?, compared_latency_ms = ?,
                        compared_latency_spread_ms = ?, compared_latency_runs = ?, compared_backend = ?, measures = ?
                    WHERE number = ? AND state = 'RUNNING'""")) {
                Rows.bindOutcome(update, finished);
                update.setInt(Rows.OUTCOME_PARAMETERS + 1, finished.number());
                update.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM epoch WHERE trial = ?")) {
                delete.setInt(1, finished.number());
                delete.executeUpdate();
            }
            Rows.insertEpochs(c, finished.number(), outcome.epochs());
            Rows.writeFront(c, frontOf.apply(trials(c)));
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
        if (renewals != null) {
            // No interrupt: a renewal in flight finishes its transaction (an interrupt would close H2's file under
            // it), and the next one is cancelled.
            synchronized (this) {
                renewals.shutdown();
                if (nextRenewal != null) {
                    nextRenewal.cancel(false);
                }
            }
        }
        worker.ifPresent(w -> {
            try {
                transaction(c -> {
                    Workers.leave(c, w);
                    return null;
                });
            } catch (StorageException e) {
                // the worker's row keeps its last heartbeat, which shows it as gone once its lease lapses
            }
        });
        closeQuietly(connection);
        onClose.run();
    }

    /**
     * Sets how long the study's trials stay their worker's after its last heartbeat; every worker renews four times
     * as often, from its next heartbeat on.
     */
    public void setLease(Duration lease) {
        if (lease.toSeconds() < 1) {
            throw new BadInput("--lease must be at least 1 second, got " + lease.toMillis() + " ms");
        }
        transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE study SET lease_seconds = ? WHERE id = 1")) {
                update.setLong(1, lease.toSeconds());
                update.executeUpdate();
            }
            return null;
        });
        if (renewals != null) {
            scheduleRenewal(lease);
        }
    }

    /**
     * Keeps this worker's leases: its row's and its running trials' heartbeats, in the database's own time, four
     * times per {@code lease}, the study's as last read.
     */
    private synchronized void scheduleRenewal(Duration lease) {
        if (nextRenewal != null) {
            nextRenewal.cancel(false);
        }
        if (renewals.isShutdown()) {
            return;
        }
        nextRenewal = renewals.schedule(() -> {
            Duration next = lease;
            try {
                next = transaction(c -> Workers.renew(c, writer()));
            } catch (RuntimeException e) {
                // the next renewal tries again; a lease lapses only after several are missed
            }
            scheduleRenewal(next);
        }, Math.max(100, lease.toMillis() / 4), TimeUnit.MILLISECONDS);
    }

    private Workers.Worker writer() {
        return worker.orElseThrow(() -> new IllegalStateException("the study " + where + " is open only to read"));
    }

    /** Claims and finishes take the study's row first: one at a time, on one machine or many. */
    private static void lockStudy(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT id FROM study WHERE id = 1 FOR UPDATE")) {
            row.next();
        }
    }

    /** The one place that commits and rolls back; one transaction at a time on this worker's connection. */
    synchronized <T> T transaction(SqlWork<T> work) {
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
            throw new StorageException("study database " + where + ": " + e.getMessage(), e);
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
