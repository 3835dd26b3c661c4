package dev.nas.space;

import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The spaces shipped in the repository's spaces/ folder. */
public final class Spaces {

    private Spaces() {
    }

    public static SearchSpace shipped(String name) {
        try {
            return SpaceLoader.load(Path.of("..", "spaces", name + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
