package dev.nas.runs.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The tables of a study database, H2 or PostgreSQL alike, made and upgraded by Flyway from the one set of SQL
 * migrations in {@code dev/nas/runs/storage/migration}, written in SQL both speak: {@code V1} made the first
 * studies, each later one what a nas version added. A schema change is a new migration, never an edit of an old one
 * (V1's one respelling is below). Table {@code schema_version} repeats the
 * newest version, for readers and for older nas versions, which refuse a study newer than they are.
 */
final class Schema {

    /** The newest migration's number: the version this nas writes and reads. */
    static final int VERSION = 11;
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
                // V1 once spelt its one text column CHARACTER LARGE OBJECT, H2's name for TEXT, which PostgreSQL
                // does not know: the schema it makes is unchanged, its checksum is not, so studies made before
                // are not held to it.
                .validateOnMigrate(false)
                .load().migrate();
    }
}
