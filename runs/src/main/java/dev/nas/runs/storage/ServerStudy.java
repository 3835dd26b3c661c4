package dev.nas.runs.storage;

import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.storage.NetworkStore;
import dev.nas.core.storage.StudyRefused;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A study in a database on a PostgreSQL server, which any number of workers share: {@code --db
 * jdbc:postgresql://HOST:PORT/DATABASE}. One database holds one study; the first command that names an empty
 * database creates the study in it.
 *
 * <p>The password is never part of the address, which the command line would show to every user of the machine
 * ({@code ps}): it comes from {@value #PASSWORD}, from the file {@value #PASSWORD_FILE} names, or from PostgreSQL's
 * own {@code ~/.pgpass}, which its driver reads. The user is the URL's {@code user} parameter, or {@value #USER}, or
 * PostgreSQL's default, the login name. TLS is asked for in the URL, as PostgreSQL's driver documents
 * ({@code ?sslmode=verify-full&sslrootcert=/path/root.crt}).
 *
 * @param url         the server and database, without a password
 * @param credentials who logs in
 */
public record ServerStudy(String url, Credentials credentials) implements StudyAddress {

    public static final String PASSWORD = "NAS_DB_PASSWORD";
    public static final String PASSWORD_FILE = "NAS_DB_PASSWORD_FILE";
    public static final String USER = "NAS_DB_USER";
    private static final Pattern POSTGRESQL = Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)[?&](password|sslpassword)=");
    /** A server that does not answer is reported after this long, not after the operating system's minutes. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Who logs in to the server.
     *
     * @param user     empty: the URL's, or PostgreSQL's default
     * @param password empty: from {@code ~/.pgpass}, or none
     */
    public record Credentials(Optional<String> user, Optional<String> password) {

        @Override
        public String toString() {
            return "Credentials[user=" + user.orElse("(default)") + ", password=" + (password.isPresent() ? "(given)"
                    : "(none)") + "]";
        }

        /** The credentials the environment gives: {@value #USER}, {@value #PASSWORD} or {@value #PASSWORD_FILE}. */
        public static Credentials of(Map<String, String> environment) {
            Optional<String> password = Optional.ofNullable(environment.get(PASSWORD)).filter(p -> !p.isEmpty());
            String file = environment.get(PASSWORD_FILE);
            if (password.isEmpty() && file != null && !file.isBlank()) {
                try {
                    password = Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new BadInput(PASSWORD_FILE + ": cannot read the password file " + file + ": " + e);
                }
            }
            return new Credentials(Optional.ofNullable(environment.get(USER)).filter(u -> !u.isBlank()), password);
        }
    }

    public ServerStudy {
        if (SECRET_PARAMETER.matcher(url).find()) {
            throw new BadInput("--db: the URL holds a password, which every user of this machine can read on the "
                    + "command line: remove it, and give it in " + PASSWORD + ", in a file named by " + PASSWORD_FILE
                    + ", or in ~/.pgpass");
        }
        if (!POSTGRESQL.matcher(url).matches()) {
            throw new BadInput("--db: '" + url + "' is not a study on a server: give "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE (other databases are not supported), or a file path");
        }
    }

    /** The study at {@code url}, logged in to as the environment says. */
    public static ServerStudy of(String url) {
        return new ServerStudy(url, Credentials.of(System.getenv()));
    }

    @Override
    public PostgresStudyLocation location() {
        return new PostgresStudyLocation(this);
    }

    /** The database's name, from the URL. */
    @Override
    public String name() {
        String path = url.substring("jdbc:postgresql://".length());
        String database = path.substring(path.indexOf('/') + 1);
        int query = database.indexOf('?');
        return query < 0 ? database : database.substring(0, query);
    }

    @Override
    public String argument() {
        return url;
    }

    @Override
    public NetworkStore networks(Optional<Path> folder) {
        return folder.<NetworkStore>map(FolderNetworks::new).orElseGet(() -> new DatabaseNetworks(this));
    }

    @Override
    public Path imageCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("nas").resolve("images");
    }

    /** Logs in, or says in words why not: a server that does not answer, a login refused, no such database. */
    Connection connect() {
        try {
            return DriverManager.getConnection(url, properties());
        } catch (SQLException e) {
            throw refusal(e);
        }
    }

    /** Connections as {@link #connect} makes them, for a library that opens its own (Flyway). */
    DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        credentials.user().ifPresent(source::setUser);
        credentials.password().ifPresent(source::setPassword);
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setApplicationName("nas");
        return source;
    }

    private Properties properties() {
        Properties properties = new Properties();
        credentials.user().ifPresent(user -> properties.setProperty("user", user));
        credentials.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "nas");
        return properties;
    }

    private StudyRefused refusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState().toUpperCase(Locale.ROOT);
        String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        if (state.startsWith("08")) {
            return new StudyRefused("cannot reach the PostgreSQL server of " + url + ": " + why
                    + " (is the server running, and does it listen on that address?)", e);
        }
        if (state.startsWith("28")) {
            return new StudyRefused("the PostgreSQL server of " + url + " refused the login: " + why + " (give the "
                    + "user in the URL or " + USER + ", the password in " + PASSWORD + ", a file named by "
                    + PASSWORD_FILE + ", or ~/.pgpass)", e);
        }
        if (state.equals("3D000")) {
            return new StudyRefused("no such database on the server: " + url + " (" + why + "); create it with "
                    + "createdb, and nas makes the study in it", e);
        }
        return new StudyRefused("cannot open the study " + url + ": " + why, e);
    }

    @Override
    public String toString() {
        return url;
    }
}
