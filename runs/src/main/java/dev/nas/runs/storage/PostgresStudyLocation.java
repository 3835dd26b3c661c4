package dev.nas.runs.storage;

import dev.nas.core.storage.StorageException;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A study in a PostgreSQL database, shared by any number of workers: each opens it as a worker of its own, claims
 * trials under the study's row lock and holds them by a lease its heartbeat renews (see {@link Workers}). Readers
 * read in read-only transactions, beside the workers.
 *
 * @param server the database and who logs in to it
 */
public record PostgresStudyLocation(ServerStudy server) implements StudyAddress.Location {

    /** PostgreSQL's code for a unique key taken: another worker created the study first. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Whether the database holds a study: its tables, and the study recorded in them. */
    @Override
    public boolean exists() {
        try (Connection c = server.connect()) {
            return hasStudy(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static boolean hasStudy(Connection c) throws SQLException {
        if (!tables(c).contains("study")) {
            return false;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM study");
             ResultSet row = select.executeQuery()) {
            return row.next() && row.getInt(1) > 0;
        }
    }

    @Override
    public String describe() {
        return server.url();
    }

    /**
     * Makes the study's tables in the empty database and records the study; refused if the database holds a study,
     * or anything else. Many workers started at once may all try: Flyway's lock on the database lets one make the
     * tables, and the study's key lets one record the study; the others are told a study exists.
     */
    @Override
    public SqlStorage create(StudySpec spec, Map<String, String> runOptions, Optional<WarmStart> warmStart) {
        try (Connection c = server.connect()) {
            if (hasStudy(c)) {
                throw new StudyRefused("a study exists already at " + describe());
            }
            List<String> tables = tables(c);
            if (!tables.isEmpty() && !tables.contains("schema_version")) {
                throw new StudyRefused("not a study database: " + describe() + " holds other tables ("
                        + String.join(", ", tables.subList(0, Math.min(5, tables.size()))) + "); nas makes a study "
                        + "only in an empty database: create one with createdb");
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        Schema.migrate(server.dataSource(), 0);
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            Rows.insertStudy(c, spec, runOptions);
            if (warmStart.isPresent()) {
                Rows.insertWarmStart(c, warmStart.get());
            }
            c.commit();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StudyRefused("a study exists already at " + describe()
                        + " (another worker created it a moment ago)", e);
            }
            throw failure(e);
        }
        return open();
    }

    /**
     * As for any location, but many workers may start on an empty database at once: those that find the study made
     * a moment after they looked continue it as if it had been there.
     */
    @Override
    public SqlStorage openOrCreate(StudySpec spec, Map<String, String> runOptions, Optional<String> warmStart,
                                   Function<String, WarmStart> warmTrials) {
        if (!exists()) {
            try {
                return create(spec, runOptions, warmStart.map(warmTrials));
            } catch (StudyRefused e) {
                if (!exists()) {
                    throw e;
                }
            }
        }
        return StudyAddress.Location.super.openOrCreate(spec, runOptions, warmStart, warmTrials);
    }

    /** Opens the study as a new worker of it; a study an older nas made is upgraded first. */
    @Override
    public SqlStorage open() {
        return open(Optional.of(Workers.Worker.here(false)));
    }

    /** Changes the study as a client of the server, beside its workers, without joining them. */
    @Override
    public <T> T update(Function<? super SqlStorage, T> changing) {
        try (SqlStorage study = open(Optional.empty())) {
            return changing.apply(study);
        }
    }

    private SqlStorage open(Optional<Workers.Worker> worker) {
        Connection c = server.connect();
        try {
            Inspection found = inspect(c);
            if (found.version() < Schema.VERSION) {
                Schema.migrate(server.dataSource(), found.version());
            }
            return new SqlStorage(describe(), c, found.spec(), worker, () -> { });
        } catch (SQLException e) {
            SqlStorage.closeQuietly(c);
            throw failure(e);
        } catch (RuntimeException e) {
            SqlStorage.closeQuietly(c);
            throw e;
        }
    }

    @Override
    public <T> T read(Function<? super SqlStorage, T> reading) {
        Connection c = server.connect();
        try {
            c.setReadOnly(true);
            Inspection found = inspect(c);
            if (found.version() != Schema.VERSION) {
                throw new StudyRefused(describe() + " has schema version " + found.version() + "; this nas reads "
                        + "version " + Schema.VERSION + " (a worker of this nas upgrades it)");
            }
            try (SqlStorage study = new SqlStorage(describe(), c, found.spec(), Optional.empty(), () -> { })) {
                return reading.apply(study);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            SqlStorage.closeQuietly(c);
        }
    }

    @Override
    public StudySnapshot snapshot() {
        return read(StudySnapshot::of);
    }

    /** What the database holds, refused unless it is a study (inspected in a transaction of its own). */
    private Inspection inspect(Connection c) throws SQLException {
        if (!hasStudy(c)) {
            throw new StudyRefused("no study at " + describe() + ": the database holds no study (create one there "
                    + "with: java -jar nas.jar --space FILE --db " + describe() + ")");
        }
        c.setAutoCommit(false);
        try {
            return Inspection.of(c, describe());
        } finally {
            c.rollback();
        }
    }

    /** The tables of the database's current schema, by name. */
    private static List<String> tables(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() ORDER BY table_name");
             ResultSet rows = select.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private StorageException failure(SQLException e) {
        return new StorageException("study database " + describe() + ": " + e.getMessage(), e);
    }
}
