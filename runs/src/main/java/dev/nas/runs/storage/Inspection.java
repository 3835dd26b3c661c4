package dev.nas.runs.storage;

import dev.nas.core.storage.StudyRefused;
import dev.nas.core.study.StudySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a database holds, looked at before it is used as a study: its schema version and the study's settings.
 * Anything else (another program's database, one a newer nas made) is refused here, in any backend.
 *
 * @param version the schema version of the study
 * @param spec    its settings
 */
record Inspection(int version, StudySpec spec) {

    /** The schema version and settings of the study {@code c} opened, which {@code where} names in messages. */
    static Inspection of(Connection c, String where) {
        int version = version(c, where);
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT * FROM study WHERE id = 1")) {
            if (!row.next()) {
                throw new StudyRefused("not a study database: " + where + " holds no study");
            }
            return new Inspection(version, Rows.spec(row, where, version));
        } catch (SQLException | IllegalArgumentException e) {
            throw new StudyRefused("not a study database: " + where + " (" + firstLine(e) + ")", e);
        }
    }

    /** The schema version of the study {@code c} opened; refused if it is not a study, or one of a newer nas. */
    static int version(Connection c, String where) {
        int version;
        try (Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM schema_version")) {
            if (!row.next()) {
                throw new StudyRefused("not a study database: " + where + " has no schema version");
            }
            version = row.getInt(1);
        } catch (SQLException e) {
            throw new StudyRefused("not a study database: " + where + " (" + firstLine(e) + ")", e);
        }
        if (version > Schema.VERSION) {
            throw new StudyRefused(where + " has schema version " + version + "; this nas reads version "
                    + Schema.VERSION + ": a newer nas made it");
        }
        return version;
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
