package dev.nas.runs.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The tables of a study database, made and upgraded by Flyway from the SQL migrations in
 * {@code dev/nas/runs/storage/migration}: {@code V1} made the first studies, each later one what a nas version
 * added. A schema change is a new migration, never an edit of an old one. Table {@code schema_version} repeats the
 * newest version, for readers and for older nas versions, which refuse a study newer than they are.
 */
final class Schema {

    /** The newest migration's number: the version this nas writes and reads. */
    static final int VERSION = 5;
    private static final String MIGRATIONS = "classpath:dev/nas/runs/storage/migration";

    private Schema() {
    }

    /**
     * Brings the database behind {@code source} to {@link #VERSION}: from nothing, or from {@code found}, the
     * version of a study made before Flyway kept its own history in it.
     */
    static void migrate(DataSource source, int found) {
        Flyway.configure().dataSource(source).locations(MIGRATIONS)
                .baselineOnMigrate(found > 0).baselineVersion(Integer.toString(Math.max(1, found)))
                .load().migrate();
    }
}
