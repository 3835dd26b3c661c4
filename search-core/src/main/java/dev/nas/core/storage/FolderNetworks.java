package dev.nas.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Networks as files {@code trial-N.zip} in a folder: beside a study file, or one every machine of a study mounts.
 * A network is written under a temporary name and renamed into place, so a crash never leaves a part under the
 * final name.
 *
 * @param folder where the files are
 */
public record FolderNetworks(Path folder) implements NetworkStore {

    @Override
    public void put(int trial, Path file) {
        try {
            Files.createDirectories(folder);
            Path target = file(trial);
            Path partial = folder.resolve(target.getFileName() + ".partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the network of trial " + trial + " in " + folder, e);
        }
    }

    @Override
    public boolean has(int trial) {
        return Files.isRegularFile(file(trial));
    }

    @Override
    public void copyTo(int trial, Path target) {
        if (!has(trial)) {
            throw new IllegalStateException("no network of trial " + trial + " at " + file(trial));
        }
        try {
            Files.copy(file(trial), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file(trial) + " to " + target, e);
        }
    }

    @Override
    public void delete(int trial) {
        try {
            Files.deleteIfExists(file(trial));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the network of trial " + trial + " in " + folder, e);
        }
    }

    @Override
    public String describe(int trial) {
        return file(trial).toAbsolutePath().toString();
    }

    private Path file(int trial) {
        return folder.resolve("trial-" + trial + ".zip");
    }
}
