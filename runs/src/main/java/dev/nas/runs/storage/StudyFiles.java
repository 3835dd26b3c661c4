package dev.nas.runs.storage;

import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.storage.NetworkStore;
import dev.nas.core.storage.StudyRefused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a study in a file lives: the one place that knows its layout. A study at {@code PATH} (given with or
 * without its {@code .mv.db} suffix) is the H2 database {@code PATH.mv.db}, the secret that opens it
 * {@code PATH.secret}, the trained networks in {@code PATH.checkpoints/}, and while it is being created a draft
 * {@code PATH.creating.mv.db}; H2 adds {@code PATH.lock.db} while the study is open.
 *
 * <pre>{@code
 * StudyFiles study = StudyFiles.of(Path.of("runs/night.mv.db"));   // the same as Path.of("runs/night")
 * study.checkpoints();                                             // runs/night.checkpoints
 * }</pre>
 *
 * @param base the study's path without any suffix
 */
public record StudyFiles(Path base) implements StudyAddress {

    static final String DATABASE = ".mv.db";
    /** How every H2 database file begins, whatever its name. */
    private static final byte[] H2_HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);
    /**
     * What a study's file name may hold: H2 reads its database path out of a URL, where {@code ;} starts a setting
     * ({@code ;INIT=...} runs SQL) and other characters have meanings of their own, so a path is data only if it
     * has none of them.
     */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._+@%, -]+");
    private static final Pattern DIRECTORY = Pattern.compile("[^;=\\p{Cntrl}]*");

    public StudyFiles {
        String name = base.getFileName() == null ? "" : base.getFileName().toString();
        if (name.isEmpty() || name.startsWith(".") || !NAME.matcher(name).matches()) {
            throw new StudyRefused("--db: '" + base + "' cannot name a study: give a file name of "
                    + "letters, digits and . _ - + @ % , or space, not starting with '.' (other characters have "
                    + "meanings of their own in the database's address)");
        }
        if (!DIRECTORY.matcher(base.toAbsolutePath().toString()).matches()) {
            throw new StudyRefused("--db: the folder of '" + base + "' holds ';', '=' or a control "
                    + "character, which the database's address would read as settings; give another folder");
        }
    }

    /** The study at {@code path}, given with or without the {@code .mv.db} suffix of its database. */
    public static StudyFiles of(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return new StudyFiles(name.endsWith(DATABASE)
                ? path.resolveSibling(name.substring(0, name.length() - DATABASE.length())) : path);
    }

    /** The study's name: its file name without suffix, e.g. {@code night}. */
    @Override
    public String name() {
        return base.getFileName().toString();
    }

    public Path database() {
        return sibling(DATABASE);
    }

    /** The password of the study's database user, readable by the owner only. */
    public Path secret() {
        return sibling(".secret");
    }

    /** The trained networks, one model zip per trial. */
    public Path checkpoints() {
        return sibling(".checkpoints");
    }

    /** What H2 writes while the study is open: where its server listens and the key to reach this database. */
    Path lock() {
        return sibling(".lock.db");
    }

    /** The database while it is being created; it becomes {@link #database()} when complete. */
    StudyFiles draft() {
        return new StudyFiles(sibling(".creating"));
    }

    /**
     * Why {@code path} is part of a study (a database, its secret, lock or trace, a draft, a trained network), or
     * empty: outputs are never written there, whatever the options.
     */
    public static Optional<String> partOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        for (String suffix : List.of(DATABASE, ".secret", ".lock.db", ".trace.db")) {
            if (name.endsWith(suffix)) {
                return Optional.of(path + " is a study's file (" + suffix + ")");
            }
        }
        for (Path folder = path.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().endsWith(".checkpoints")) {
                return Optional.of(path + " is in a study's trained networks (" + folder + ")");
            }
        }
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                if (Arrays.equals(in.readNBytes(H2_HEADER.length), H2_HEADER)) {
                    return Optional.of(path + " is an H2 database");
                }
            } catch (IOException e) {
                return Optional.of(path + " cannot be read to tell whether it is a study: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    public boolean exists() {
        return Files.isRegularFile(database());
    }

    @Override
    public H2StudyLocation location() {
        return new H2StudyLocation(this);
    }

    @Override
    public String argument() {
        return base.toString();
    }

    @Override
    public NetworkStore networks(Optional<Path> folder) {
        return new FolderNetworks(folder.orElse(checkpoints()));
    }

    @Override
    public Path imageCache() {
        return base.resolveSibling("image-cache");
    }

    private Path sibling(String suffix) {
        return base.resolveSibling(name() + suffix);
    }

    @Override
    public String toString() {
        return database().toString();
    }
}
