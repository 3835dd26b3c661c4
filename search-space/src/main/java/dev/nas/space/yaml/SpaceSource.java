package dev.nas.space.yaml;

import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A space as it was given: its YAML verbatim (which a study stores), where it came from (for messages), the space it
 * describes and the controller its file names, if any; read and checked once.
 *
 * <pre>{@code
 * SpaceSource source = SpaceSource.read(Path.of("spaces/mobile.yaml"));
 * source.space().codec().dimensions();
 * }</pre>
 */
public record SpaceSource(String yaml, String origin, SearchSpace space, Optional<ControllerSection> controller) {

    /** Reads and checks the space file {@code file}; whatever is wrong with it is a {@link SpaceException}. */
    public static SpaceSource read(Path file) {
        String origin = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw problem(origin, "is a folder, not a space file");
            }
            long size = Files.size(file);
            if (size > SpaceLimits.FILE_BYTES) {
                throw problem(origin, "the file has " + size + " bytes; a space may have at most "
                        + SpaceLimits.FILE_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            String yaml = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return parse(yaml, origin);
        } catch (NoSuchFileException e) {
            throw problem(origin, "no such space file");
        } catch (CharacterCodingException e) {
            throw problem(origin, "not a text file in UTF-8");
        } catch (IOException e) {
            throw problem(origin, "cannot be read: " + e.getMessage());
        }
    }

    /** The space in {@code yaml}, named {@code origin} in messages. */
    public static SpaceSource parse(String yaml, String origin) {
        return SpaceLoader.source(yaml, origin);
    }

    private static SpaceException problem(String origin, String message) {
        return new SpaceException(List.of(new Problem(origin, 0, "", message)));
    }
}
