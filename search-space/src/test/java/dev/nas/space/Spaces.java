package dev.nas.space;

import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The spaces shipped in the repository's spaces/ folder. */
public final class Spaces {

    private Spaces() {
    }

    public static SearchSpace shipped(String name) {
        return SpaceLoader.load(file(name));
    }

    /** The YAML text of a shipped space. */
    public static String text(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(String name) {
        return Path.of("..", "spaces", name + ".yaml");
    }
}
