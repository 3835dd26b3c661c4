package dev.nas.runs.storage;

import dev.nas.core.storage.StorageException;
import dev.nas.core.storage.StudyRefused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Whether a study file can be opened, judged without changing a byte of it: H2 opens a damaged file by quietly
 * falling back to an older state (a file cut to half its length reads as the study it was hours ago) and, once
 * opened to write, rewrites it so; so the file is read here first, with H2's own store in read-only mode.
 *
 * <p>H2 keeps two copies of a header that records the store's newest version when it was last written, and the
 * store's chunks each carry their version. A store whose newest readable chunk is older than its header says has
 * lost data: it was cut short (a full disk, a copy that did not finish) or overwritten in part. A file another
 * process holds (a search) is not read: that process opened it whole.
 */
final class StoreCheck {

    /** What a study file is, as far as can be told before opening it as a database. */
    enum State {
        /** Another process holds it open: a running search, which reads and writes it whole. */
        IN_USE,
        /** Whole: H2 reads the newest state its header records. */
        INTACT
    }

    private static final int BLOCK = 4096;
    private static final byte[] MAGIC = "H:2,".getBytes(StandardCharsets.ISO_8859_1);

    private StoreCheck() {
    }

    /**
     * The state of {@code database}, which exists; throws {@link StudyRefused} if it is not an H2 store or is damaged.
     * Must not be called while this process has the file open: the store is opened here, and closing it releases
     * every lock this process holds on the file.
     */
    static State of(Path database) {
        OptionalLong recorded = recordedVersion(database);
        if (recorded.isEmpty()) {
            throw new StudyRefused("not a study database: " + database + " is not an H2 database file");
        }
        if (recorded.getAsLong() < 0) {
            throw damaged(database, "both copies of its header are corrupt");
        }
        try (MVStore store = new MVStore.Builder().fileName(database.toString()).readOnly().open()) {
            long readable = store.getCurrentVersion();
            if (readable < recorded.getAsLong()) {
                throw damaged(database, "its newest data is missing (the store holds version " + readable
                        + " of " + recorded.getAsLong() + "): the file was cut short, by a full disk or a copy "
                        + "that did not finish, or partly overwritten");
            }
            return State.INTACT;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return State.IN_USE;
            }
            throw damaged(database, e.getMessage());
        } catch (IllegalStateException e) {
            throw damaged(database, e.getMessage());
        }
    }

    /** Whether another process holds {@code database} open; whatever else the file is. */
    static boolean isLocked(Path database) {
        try {
            new MVStore.Builder().fileName(database.toString()).readOnly().open().close();
            return false;
        } catch (MVStoreException e) {
            return e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static StudyRefused damaged(Path database, String why) {
        return new StudyRefused("the study file " + database + " is damaged: " + why + ". nas leaves it as it is; "
                + "to salvage what it still holds, run H2's recovery tool on a copy (java -cp nas.jar "
                + "org.h2.tools.Recover -help)");
    }

    /**
     * The newest version either header block records with a valid checksum; empty if neither is an H2 header, -1 if
     * both are but neither checksum holds.
     */
    private static OptionalLong recordedVersion(Path database) {
        byte[] head = new byte[2 * BLOCK];
        int read;
        try (InputStream in = Files.newInputStream(database)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StorageException("cannot read the study file " + database + ": " + e.getMessage(), e);
        }
        OptionalLong newest = OptionalLong.empty();
        for (int offset = 0; offset + BLOCK <= read; offset += BLOCK) {
            if (!startsWithMagic(head, offset)) {
                continue;
            }
            newest = OptionalLong.of(Math.max(-1, newest.orElse(-1)));
            Map<String, String> header = header(head, offset);
            if (header != null && header.containsKey("version")) {
                long version = Long.parseLong(header.get("version"), 16);
                if (version > newest.getAsLong()) {
                    newest = OptionalLong.of(version);
                }
            }
        }
        return newest;
    }

    /** One header block, {@code H:2,key:value,...,fletcher:checksum}, if it is one and its checksum holds. */
    private static boolean startsWithMagic(byte[] bytes, int offset) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> header(byte[] bytes, int offset) {
        int end = offset;
        while (end < offset + BLOCK && bytes[end] > ' ') {
            end++;
        }
        String text = new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
        int checksum = text.lastIndexOf(",fletcher:");
        if (checksum < 0) {
            return null;
        }
        try {
            int expected = (int) Long.parseLong(text.substring(checksum + ",fletcher:".length()), 16);
            if (expected != DataUtils.getFletcher32(bytes, offset, checksum)) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        Map<String, String> header = new HashMap<>();
        for (String pair : text.substring(0, checksum).split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                header.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return header;
    }
}
