package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests of this JVM: Debian's server binaries, a temporary data directory,
 * a free port on loopback, password (SCRAM) authentication; started on first use, stopped when the JVM exits.
 * Each test takes a database of its own. Tests are skipped where PostgreSQL is not installed ({@code .ci/run}
 * installs it).
 */
public final class PostgresServer {

    public static final String USER = "nas_test";
    public static final String PASSWORD = "throwaway-" + Long.toHexString(System.nanoTime());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer running;

    private final Path bin;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** The cluster, started if it is not yet; skips the calling test where PostgreSQL is not installed. */
    public static synchronized PostgresServer get() {
        Optional<Path> bin = binaries();
        assumeTrue(bin.isPresent(), "PostgreSQL is not installed (apt-get install postgresql)");
        if (running == null) {
            running = start(bin.get());
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    public int port() {
        return port;
    }

    /** A new, empty database of its own, by its JDBC URL. */
    public String newDatabase() {
        String name = "study_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A file holding the password, owner-only, as a user would give it. */
    public Path passwordFile(Path folder) throws IOException {
        Path file = folder.resolve("pg-password");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    private static PostgresServer start(Path bin) {
        try {
            Path data = Files.createTempDirectory("nas-pg-");
            Path password = data.resolve("password");
            Path cluster = data.resolve("cluster");
            Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (isRoot()) {
                // initdb and postgres refuse to run as root: the cluster belongs to Debian's postgres user.
                run(List.of("chown", "-R", "postgres", data.toString()));
            }
            run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER,
                    "--pwfile=" + password, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync")));
            PostgresServer server = new PostgresServer(bin, cluster, port);
            run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-w",
                    "-l", data.resolve("log").toString(), "-o", "-p " + port + " -k " + data
                            + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start")));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL cluster", e);
        }
    }

    private void stop() {
        try {
            run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "stop")));
        } catch (RuntimeException e) {
            // the cluster is a temporary one; its directory goes with it below
        }
        try (Stream<Path> paths = Files.walk(data.getParent())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort, in the temporary folder
        }
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
