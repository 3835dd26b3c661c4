package dev.nas.runs.storage;

import dev.nas.core.storage.NetworkStore;
import dev.nas.core.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Networks kept in the study's database, which every worker reaches: each in parts of {@value #PART_BYTES} bytes
 * (table {@code checkpoint_part}), written and read one part at a time, so no network is ever held whole in memory.
 * A network is replaced in one transaction, and read in one repeatable-read transaction: a reader gets the old
 * network or the new, never parts of both.
 *
 * @param server the study's database
 */
public record DatabaseNetworks(ServerStudy server) implements NetworkStore {

    static final int PART_BYTES = 512 * 1024;

    @Override
    public void put(int trial, Path file) {
        try (Connection c = server.connect(); InputStream in = Files.newInputStream(file)) {
            c.setAutoCommit(false);
            delete(c, trial);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO checkpoint_part (trial, part, bytes) VALUES (?, ?, ?)")) {
                byte[] part;
                for (int i = 0; (part = in.readNBytes(PART_BYTES)).length > 0; i++) {
                    insert.setInt(1, trial);
                    insert.setInt(2, i);
                    insert.setBytes(3, part);
                    insert.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("cannot keep the network of trial " + trial, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public boolean has(int trial) {
        try (Connection c = server.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT 1 FROM checkpoint_part WHERE trial = ? AND part = 0")) {
            select.setInt(1, trial);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw failure("cannot look for the network of trial " + trial, e);
        }
    }

    @Override
    public void copyTo(int trial, Path target) {
        try (Connection c = server.connect(); OutputStream out = Files.newOutputStream(target)) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT bytes FROM checkpoint_part WHERE trial = ? AND part = ?")) {
                int parts = 0;
                for (; ; parts++) {
                    select.setInt(1, trial);
                    select.setInt(2, parts);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            break;
                        }
                        out.write(row.getBytes(1));
                    }
                }
                if (parts == 0) {
                    throw new IllegalStateException("no network of trial " + trial + " in " + server.url());
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("cannot read the network of trial " + trial, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void delete(int trial) {
        try (Connection c = server.connect()) {
            delete(c, trial);
        } catch (SQLException e) {
            throw failure("cannot delete the network of trial " + trial, e);
        }
    }

    @Override
    public String describe(int trial) {
        return "trial " + trial + "'s network in " + server.url();
    }

    private static void delete(Connection c, int trial) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM checkpoint_part WHERE trial = ?")) {
            delete.setInt(1, trial);
            delete.executeUpdate();
        }
    }

    private StorageException failure(String what, SQLException e) {
        return new StorageException(what + " in " + server.url() + ": " + e.getMessage(), e);
    }
}
