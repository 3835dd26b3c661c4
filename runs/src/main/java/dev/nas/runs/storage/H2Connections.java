package dev.nas.runs.storage;

import dev.nas.core.io.OwnerOnly;
import dev.nas.core.storage.StorageException;
import dev.nas.core.storage.StudyRefused;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Connections to a study's H2 database, and who may make them.
 *
 * <p>A search opens its study in H2's mixed mode: embedded, with a server on the loopback interface that the
 * readers ({@code nas status} and the like) reach through the address and key H2 writes to {@code PATH.lock.db}.
 * Any local user can reach that port, so the key is not what protects a study: every connection logs in as
 * {@value #USER}, a user without H2's administrator rights, with a random password kept in {@code PATH.secret}, a
 * file only the study's owner can read (as are the database and lock files). Without administrator rights no
 * connection, ours or an intruder's who somehow had the password, can reach outside the database: {@code FILE_READ},
 * {@code FILE_WRITE}, {@code CSVREAD}, {@code CSVWRITE}, {@code LINK_SCHEMA}, {@code CREATE ALIAS} and
 * {@code RUNSCRIPT} all need them. The administrator H2 requires gets a random password that is never kept.
 *
 * <p>Studies made before this had the administrator {@code nas} with an empty password; they are read as they are
 * and secured the first time a search opens them to write.
 */
final class H2Connections {

    static final String USER = "NAS";
    private static final String ADMIN = "STUDY_ADMIN";
    private static final String LEGACY_PASSWORD = "";
    /** No {@code .trace.db} files: failures reach the user as messages, not as files left beside the study. */
    private static final String QUIET = ";TRACE_LEVEL_FILE=0;IGNORE_UNKNOWN_SETTINGS=TRUE";
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // H2 reads this once; it keeps the server a search starts off every interface but loopback.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** How a connection opens the database. */
    enum Mode {
        /**
         * A search: embedded with a server for readers, or through the server of the process that has it. Each
         * commit is written before it returns: H2 otherwise writes half a second later, and a search killed in
         * between would lose the trial it had just finished.
         */
        SHARED(";IFEXISTS=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0"),
        /**
         * Reading the file directly, which changes nothing in it. Without H2's lock file, which a killed search
         * leaves behind: the store itself is locked against a writer while it is read.
         */
        READ(";IFEXISTS=TRUE;ACCESS_MODE_DATA=r;FILE_LOCK=NO"),
        /** A private file: a study being created, or a scratch copy read after H2's recovery. */
        PRIVATE(";IFEXISTS=TRUE;FILE_LOCK=NO"),
        /** A database that does not exist yet. */
        NEW(";FILE_LOCK=NO");

        private final String settings;

        Mode(String settings) {
            this.settings = settings;
        }
    }

    private H2Connections() {
    }

    /** Logs in to an existing study's database; a study not yet secured is logged in to as it was made. */
    static Connection connect(StudyFiles files, Mode mode) {
        return login(files, url(files, mode));
    }

    /** Connections as {@link #connect} makes them, for a library that opens its own (Flyway). */
    static DataSource dataSource(StudyFiles files, Mode mode) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url(files, mode));
        source.setUser(USER);
        source.setPassword(passwords(files).get(0));
        return source;
    }

    /**
     * Logs in through the server of the search that has the study open, at the address and key its H2 wrote to
     * the lock file. Not by H2's own mixed mode, which opens the file to write if the search has just closed it.
     */
    static Connection connectServed(StudyFiles files) {
        Properties lock = new Properties();
        try (Reader in = Files.newBufferedReader(files.lock(), StandardCharsets.ISO_8859_1)) {
            lock.load(in);
        } catch (IOException e) {
            throw momentary(files, "its lock file " + files.lock() + " cannot be read: " + e.getMessage());
        }
        String server = lock.getProperty("server");
        String key = lock.getProperty("id");
        if (server == null || key == null) {
            throw momentary(files, "the process that has it open serves no readers (yet)");
        }
        return login(files, "jdbc:h2:tcp://" + server + "/" + key);
    }

    private static Connection login(StudyFiles files, String url) {
        List<String> passwords = passwords(files);
        for (int i = 0; ; i++) {
            try {
                return DriverManager.getConnection(url, USER, passwords.get(i));
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD || i == passwords.size() - 1) {
                    throw refusal(files, e);
                }
            }
        }
    }

    /**
     * Creates a new database at {@code files} with its secret: the administrator only makes {@value #USER}, who
     * owns everything else.
     */
    static void create(StudyFiles files) {
        String secret = HexFormat.of().formatHex(bytes());
        try (Connection admin = DriverManager.getConnection(url(files, Mode.NEW),
                ADMIN, HexFormat.of().formatHex(bytes()));
             PreparedStatement user = admin.prepareStatement("CREATE USER " + USER + " PASSWORD ?");
             Statement grant = admin.createStatement()) {
            user.setString(1, secret);
            user.executeUpdate();
            grant.execute("GRANT ALTER ANY SCHEMA TO " + USER);
        } catch (SQLException e) {
            throw new StorageException("cannot create the study database " + files + ": " + e.getMessage(), e);
        }
        writeSecret(files, secret);
    }

    /**
     * Secures a study made before studies had secrets, on a connection that logged in as its administrator
     * {@code nas} with the empty password: {@value #USER} gets a secret and loses its administrator rights to a new
     * administrator whose password is not kept. The secret is saved first, so a search killed half-way logs in
     * with one of the two next time and finishes the change.
     */
    static void secure(StudyFiles files, Connection connection) {
        try {
            if (!isAdmin(connection)) {
                return;
            }
            String secret = HexFormat.of().formatHex(bytes());
            writeSecret(files, secret);
            try (PreparedStatement admin = connection.prepareStatement("CREATE USER IF NOT EXISTS " + ADMIN
                    + " PASSWORD ? ADMIN");
                 PreparedStatement password = connection.prepareStatement("ALTER USER " + USER
                         + " SET PASSWORD ?");
                 Statement statement = connection.createStatement()) {
                admin.setString(1, HexFormat.of().formatHex(bytes()));
                admin.executeUpdate();
                statement.execute("GRANT ALTER ANY SCHEMA TO " + USER);
                password.setString(1, secret);
                password.executeUpdate();
                statement.execute("ALTER USER " + USER + " ADMIN FALSE");
            }
        } catch (SQLException e) {
            throw new StorageException("cannot secure the study database " + files + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code connection} reached the database through another process's server. */
    static boolean isServed(Connection connection) throws SQLException {
        return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionRemote;
    }

    private static boolean isAdmin(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = ?")) {
            select.setString(1, USER);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static String url(StudyFiles files, Mode mode) {
        // StudyFiles admits no character the URL would read as a setting.
        return "jdbc:h2:file:" + files.base().toAbsolutePath() + QUIET + mode.settings;
    }

    /** The secret if the study has one, then the empty password of a study made before secrets. */
    private static List<String> passwords(StudyFiles files) {
        try {
            return List.of(Files.readString(files.secret(), StandardCharsets.UTF_8).strip(), LEGACY_PASSWORD);
        } catch (NoSuchFileException e) {
            return List.of(LEGACY_PASSWORD);
        } catch (IOException e) {
            throw new StudyRefused("cannot read the study's secret " + files.secret() + ": " + e.getMessage()
                    + " (it opens the study; only the study's owner can read it)", e);
        }
    }

    private static void writeSecret(StudyFiles files, String secret) {
        try {
            OwnerOnly.write(files.secret(), secret + "\n");
        } catch (IOException e) {
            throw new StorageException("cannot write the study's secret " + files.secret() + ": " + e.getMessage(),
                    e);
        }
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static StorageException refusal(StudyFiles files, SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.WRONG_USER_OR_PASSWORD -> new StudyRefused("cannot open the study " + files + ": "
                    + (Files.exists(files.secret()) ? "its secret " + files.secret() + " does not open it"
                    : "it has no secret " + files.secret() + " beside it (copy the secret with the study) or is "
                    + "not a study of nas"), e);
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> inUse(files, e);
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
                    StoreCheck.damaged(files.database(), e.getMessage());
            default -> new StorageException("cannot open the study database " + files + ": " + e.getMessage(), e);
        };
    }

    /** A state a search's start or end causes, which a read made again a moment later does not meet. */
    private static StorageException momentary(StudyFiles files, String why) {
        return new StorageException("cannot read the study " + files + ": " + why,
                new SQLException(why, "", ErrorCode.DATABASE_ALREADY_OPEN_1));
    }

    static StudyRefused inUse(StudyFiles files, Throwable cause) {
        return new StudyRefused("the study database " + files + " is in use by another process (is another search "
                + "running on it?). A study file is searched by one process at a time; for many workers, keep the "
                + "study on a PostgreSQL server (--db jdbc:postgresql://...; README, Searching on many machines)",
                cause);
    }
}
