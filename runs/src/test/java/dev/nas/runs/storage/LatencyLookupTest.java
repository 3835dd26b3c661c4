package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.testing.Fakes;
import dev.nas.latency.Timing;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.lut.LutFit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLookupTest {

    @TempDir
    Path directory;

    private static final LookupTable TABLE = new LookupTable(Map.of(
            LayerKey.parse("conv_k3:none:s2:28x28x1:8"), new Timing(0.21, 0.01, 60),
            LayerKey.parse("mbconv_k3_e3_se0.25:identity:s1:7x7x16:16"), new Timing(0.55, 0.03, 60)));
    private static final LutFit FIT = new LutFit(0.4, 0.9, -0.02, 20);

    @Test
    void aStudyKeepsTheTableAndFitItsLatenciesCameFromPerDevice() {
        Path study = directory.resolve("study");
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(study)).create(Fakes.spec("tiny", "random", 3, 1),
                Map.of())) {
            assertTrue(LatencyLookup.read(storage, "local").isEmpty());
            LatencyLookup.save(storage, "local", new FittedTable(LookupTable.EMPTY.with(
                    LayerKey.parse("conv_k3:none:s2:28x28x1:8"), new Timing(9, 9, 9)), new LutFit(1, 1, 0, 5)));
            LatencyLookup.save(storage, "local", new FittedTable(TABLE, FIT));
            LatencyLookup.save(storage, "other", new FittedTable(LookupTable.EMPTY.with(
                    LayerKey.parse("conv_k3:none:s2:28x28x1:8"), new Timing(1, 0, 1)), new LutFit(0, 2, 0, 6)));
        }
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(study)).openReadOnly()) {
            FittedTable stored = LatencyLookup.read(storage, "local").orElseThrow();
            assertEquals(TABLE.rows(), stored.table().rows(), "saved again, replaced");
            assertEquals(FIT, stored.fit());
            assertEquals(1, LatencyLookup.read(storage, "other").orElseThrow().table().rows().size());
        }
    }

    @Test
    void aStudyOfTheSchemaBeforeGainsTheLatencyTablesWhenOpened() throws Exception {
        Path study = directory.resolve("old");
        new H2StudyLocation(StudyFiles.of(study)).create(Fakes.spec("tiny", "random", 3, 1), Map.of()).close();
        // Take the study back to schema version 3, as a nas without lookup tables made it: undo V4 to V10.
        try (Connection c = H2Connections.connect(StudyFiles.of(study), H2Connections.Mode.PRIVATE);
             Statement statement = c.createStatement()) {
            statement.execute("DROP TABLE latency_layer");
            statement.execute("DROP TABLE latency_fit");
            statement.execute("ALTER TABLE study DROP COLUMN controller_settings");
            statement.execute("DROP TABLE worker");
            statement.execute("DROP TABLE checkpoint_part");
            statement.execute("ALTER TABLE trial DROP COLUMN worker");
            statement.execute("ALTER TABLE study DROP COLUMN lease_seconds");
            statement.execute("ALTER TABLE study DROP COLUMN latency_machine");
            for (String column : new String[] {"quantized_accuracy", "quantized_bytes", "float_bytes",
                "compared_latency_ms", "compared_latency_spread_ms", "compared_latency_runs", "compared_backend"}) {
                statement.execute("ALTER TABLE trial DROP COLUMN " + column);
            }
            statement.execute("ALTER TABLE study DROP COLUMN class_names");
            statement.execute("ALTER TABLE study DROP COLUMN normalization");
            statement.execute("DROP TABLE warm_epoch");
            statement.execute("DROP TABLE warm_trial");
            statement.execute("DROP TABLE queued_candidate");
            statement.execute("ALTER TABLE study DROP COLUMN warm_start");
            statement.execute("ALTER TABLE trial DROP COLUMN measures");
            statement.execute("UPDATE schema_version SET version = 3");
            statement.execute("DROP TABLE \"flyway_schema_history\"");
        }
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(study)).open()) {
            LatencyLookup.save(storage, "local", new FittedTable(TABLE, FIT));
            assertEquals(FIT, LatencyLookup.read(storage, "local").orElseThrow().fit());
        }
    }
}
