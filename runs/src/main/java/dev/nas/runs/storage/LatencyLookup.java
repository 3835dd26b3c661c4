package dev.nas.runs.storage;

import dev.nas.latency.Timing;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.latency.lut.LutFit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lookup table a study's latencies came from, kept in the study database beside its trials: the device profile
 * it was copied from may change or be lost, the study's record of it does not.
 */
public final class LatencyLookup {

    private LatencyLookup() {
    }

    /** Records {@code device}'s table and fit, replacing what the study held for that device, in one transaction. */
    public static void save(SqlStorage storage, String device, FittedTable fitted) {
        LookupTable table = fitted.table();
        LutFit fit = fitted.fit();
        storage.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM latency_layer WHERE device = ?");
                 PreparedStatement deleteFit = c.prepareStatement("DELETE FROM latency_fit WHERE device = ?")) {
                delete.setString(1, device);
                delete.executeUpdate();
                deleteFit.setString(1, device);
                deleteFit.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO latency_layer (device, layer, median_ms, iqr_ms, runs) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<LayerKey, Timing> row : table.rows().entrySet()) {
                    insert.setString(1, device);
                    insert.setString(2, row.getKey().token());
                    insert.setDouble(3, row.getValue().medianMs());
                    insert.setDouble(4, row.getValue().iqrMs());
                    insert.setInt(5, row.getValue().runs());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO latency_fit (device, overhead_ms, scale, per_layer_ms, networks) "
                            + "VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, device);
                insert.setDouble(2, fit.overheadMs());
                insert.setDouble(3, fit.scale());
                insert.setDouble(4, fit.perLayerMs());
                insert.setInt(5, fit.networks());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The table and fit the study used for {@code device}, if it used one. */
    public static Optional<FittedTable> read(SqlStorage storage, String device) {
        return storage.transaction(c -> {
            LutFit fit;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT overhead_ms, scale, per_layer_ms, networks FROM latency_fit WHERE device = ?")) {
                select.setString(1, device);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    fit = new LutFit(row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getInt(4));
                }
            }
            Map<LayerKey, Timing> rows = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT layer, median_ms, iqr_ms, runs FROM latency_layer WHERE device = ? ORDER BY layer")) {
                select.setString(1, device);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.put(LayerKey.parse(row.getString(1)), new Timing(row.getDouble(2), row.getDouble(3),
                                row.getInt(4)));
                    }
                }
            }
            return Optional.of(new FittedTable(new LookupTable(rows), fit));
        });
    }
}
