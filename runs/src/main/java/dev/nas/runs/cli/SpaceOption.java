package dev.nas.runs.cli;

import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --space} option of every command that reads a space file: read and checked once, on first use. */
final class SpaceOption {

    @Option(names = "--space", paramLabel = "FILE", required = true, description = "The search space, in YAML.")
    Path file;

    private SpaceSource source;

    SpaceSource source() {
        if (source == null) {
            source = SpaceSource.read(file);
        }
        return source;
    }

    SearchSpace space() {
        return source().space();
    }
}
