package dev.nas.runs.storage;

import java.util.Optional;

/** Studies on the tests' throwaway PostgreSQL server, each in a new, empty database. */
final class PostgresStudies {

    private PostgresStudies() {
    }

    /** A new, empty database on the server, logged in to with the test cluster's credentials. */
    static ServerStudy fresh() {
        PostgresServer server = PostgresServer.get();
        return new ServerStudy(server.newDatabase(), credentials());
    }

    static ServerStudy.Credentials credentials() {
        return new ServerStudy.Credentials(Optional.of(PostgresServer.USER), Optional.of(PostgresServer.PASSWORD));
    }
}
