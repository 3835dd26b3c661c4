package dev.nas.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * A file that is there whole or not at all: written under a hidden name beside it, forced to disk and renamed into
 * place, so that a kill, a full disk or a failed write leaves the old file (or none), never a truncated one.
 */
public final class WholeFile {

    /** Writes the content to a stream; may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private WholeFile() {
    }

    /** Writes {@code content} to {@code file}, replacing it if it exists; {@code attributes} apply from creation. */
    public static void write(Path file, Content content, FileAttribute<?>... attributes) throws IOException {
        Path partial = partial(file);
        Files.deleteIfExists(partial);
        try (FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The hidden name {@code file} is written under until it is complete. */
    public static Path partial(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".partial");
    }
}
