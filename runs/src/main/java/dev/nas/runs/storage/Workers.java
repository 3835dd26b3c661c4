package dev.nas.runs.storage;

import dev.nas.core.storage.LeaseLost;
import dev.nas.core.storage.StorageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The workers of a study: who joined, the leases they hold on running trials, and who takes a trial over when its
 * worker is gone. Every time here is the database's ({@code CURRENT_TIMESTAMP}), so machines whose clocks disagree
 * still agree on whose lease lapsed.
 */
public final class Workers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Workers() {
    }

    /**
     * A process searching the study. How long its trials stay its own after its last heartbeat is the study's lease,
     * read afresh each time, since any worker may change it; it renews four times as often.
     *
     * @param id        unique among all workers ever: host, process and a random part (in a container every worker
     *                  may be process 1)
     * @param exclusive the study is one search's at a time (an H2 file): every running trial not this worker's was
     *                  left by one that is gone, whatever its lease says
     */
    public record Worker(String id, String host, long pid, boolean exclusive) {

        /** This process, as a worker. */
        static Worker here(boolean exclusive) {
            String host = hostName();
            long pid = ProcessHandle.current().pid();
            byte[] nonce = new byte[3];
            RANDOM.nextBytes(nonce);
            return new Worker(host + ":" + pid + ":" + HexFormat.of().formatHex(nonce), host, pid, exclusive);
        }

        private static String hostName() {
            String name = System.getenv("HOSTNAME");
            if (name != null && !name.isBlank()) {
                return name;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown-host";
            }
        }
    }

    /** A worker as the study records it; {@code gone} if it stopped, or its lease lapsed without a word. */
    public record Member(String id, String host, long pid, Instant started, Instant heartbeat,
                         Optional<Instant> stopped, OptionalInt trial, boolean gone) {
    }

    /**
     * The study's workers, oldest first, which worker holds or held each trial, and the running trials whose lease
     * lapsed and that the next claim takes over.
     */
    public record Roster(List<Member> workers, Map<Integer, String> trialWorkers, List<Integer> staleLeases,
                         Instant now) {
        public Roster {
            workers = List.copyOf(workers);
            trialWorkers = Map.copyOf(trialWorkers);
            staleLeases = List.copyOf(staleLeases);
        }

        /** The trials {@code worker} ran or runs, by number. */
        public List<Integer> trialsOf(String worker) {
            return trialWorkers.entrySet().stream().filter(e -> e.getValue().equals(worker)).map(Map.Entry::getKey)
                    .sorted().toList();
        }
    }

    static void register(Connection c, Worker w) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO worker (id, host, pid, started, heartbeat) "
                + "VALUES (?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, w.id());
            insert.setString(2, w.host());
            insert.setLong(3, w.pid());
            insert.executeUpdate();
        }
    }

    static void leave(Connection c, Worker w) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE worker SET stopped = CURRENT_TIMESTAMP WHERE id = ?")) {
            update.setString(1, w.id());
            update.executeUpdate();
        }
    }

    /** The worker's heartbeat: its own row's and its running trials'. Returns the study's lease, which may change. */
    static Duration renew(Connection c, Worker w) throws SQLException {
        try (PreparedStatement self = c.prepareStatement(
                "UPDATE worker SET heartbeat = CURRENT_TIMESTAMP WHERE id = ?");
             PreparedStatement trials = c.prepareStatement(
                     "UPDATE trial SET heartbeat = CURRENT_TIMESTAMP WHERE worker = ? AND state = 'RUNNING'")) {
            self.setString(1, w.id());
            self.executeUpdate();
            trials.setString(1, w.id());
            trials.executeUpdate();
        }
        return lease(c);
    }

    /** Running trials no worker holds any more, oldest first, as {@code me} finds them. */
    static List<Integer> abandoned(Connection c, Worker me) throws SQLException {
        Instant now = now(c);
        Duration lease = lease(c);
        List<Integer> abandoned = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT number, worker, heartbeat FROM trial WHERE state = 'RUNNING' ORDER BY number")) {
            while (rows.next()) {
                String holder = rows.getString("worker");
                OffsetDateTime heartbeat = rows.getObject("heartbeat", OffsetDateTime.class);
                boolean lapsed = heartbeat == null || heartbeat.toInstant().plus(lease).isBefore(now);
                if (!me.id().equals(holder) && (me.exclusive() || lapsed)) {
                    abandoned.add(rows.getInt("number"));
                }
            }
        }
        return abandoned;
    }

    static void takeOver(Connection c, Worker me, int trial) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE trial SET worker = ?, heartbeat = "
                + "CURRENT_TIMESTAMP WHERE number = ? AND state = 'RUNNING'")) {
            update.setString(1, me.id());
            update.setInt(2, trial);
            update.executeUpdate();
        }
    }

    /**
     * Renews {@code me}'s lease on {@code trial} before a write to it; refused if the trial is not running, or is
     * another worker's now.
     */
    static void renewTrial(Connection c, Worker me, int trial, String where) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE trial SET heartbeat = CURRENT_TIMESTAMP "
                + "WHERE number = ? AND state = 'RUNNING' AND worker = ?")) {
            update.setInt(1, trial);
            update.setString(2, me.id());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT state, worker FROM trial WHERE number = ?")) {
            select.setInt(1, trial);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !"RUNNING".equals(row.getString("state"))) {
                    throw new StorageException("trial " + trial + " is not running in " + where);
                }
                throw new LeaseLost("trial " + trial + " is worker " + row.getString("worker") + "'s now: this "
                        + "worker's lease on it lapsed (no heartbeat for " + lease(c).toSeconds() + " s) and it "
                        + "was taken over");
            }
        }
    }

    static Roster roster(Connection c) throws SQLException {
        Instant now = now(c);
        Duration lease = lease(c);
        Map<String, Integer> running = new HashMap<>();
        Map<Integer, String> trialWorkers = new HashMap<>();
        List<Integer> stale = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT number, state, worker, heartbeat FROM trial WHERE worker IS NOT NULL ORDER BY number")) {
            while (rows.next()) {
                int number = rows.getInt("number");
                trialWorkers.put(number, rows.getString("worker"));
                if ("RUNNING".equals(rows.getString("state"))) {
                    running.put(rows.getString("worker"), number);
                    if (rows.getObject("heartbeat", OffsetDateTime.class).toInstant().plus(lease).isBefore(now)) {
                        stale.add(number);
                    }
                }
            }
        }
        List<Member> members = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM worker ORDER BY started, id")) {
            while (rows.next()) {
                String id = rows.getString("id");
                Instant heartbeat = rows.getObject("heartbeat", OffsetDateTime.class).toInstant();
                Optional<Instant> stopped = Optional.ofNullable(rows.getObject("stopped", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant);
                Integer trial = running.get(id);
                members.add(new Member(id, rows.getString("host"), rows.getLong("pid"),
                        rows.getObject("started", OffsetDateTime.class).toInstant(), heartbeat, stopped,
                        trial == null ? OptionalInt.empty() : OptionalInt.of(trial),
                        stopped.isPresent() || heartbeat.plus(lease).isBefore(now)));
            }
        }
        return new Roster(members, trialWorkers, stale, now);
    }

    /** How long a study's trials stay their worker's after its last heartbeat. */
    static Duration lease(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT lease_seconds FROM study WHERE id = 1")) {
            return row.next() ? Duration.ofSeconds(row.getInt(1)) : Duration.ofSeconds(60);
        }
    }

    private static Instant now(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            row.next();
            return row.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
