package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A space file's {@code controller:} section chooses the controller and its parameters for a new study; the command
 * line's {@code --controller} overrides it; a bad section is the space file's error, with its line.
 */
class SpaceControllerCliTest {

    private static final String TABLE = "table:" + Path.of("..", "benchmarks", "bench.csv").toAbsolutePath()
            .normalize();

    @TempDir
    Path directory;

    private Path space(String section) throws Exception {
        Path file = directory.resolve("bench.yaml");
        Files.writeString(file, Files.readString(Path.of("..", "spaces", "bench.yaml")) + section);
        return file;
    }

    /** A search of {@code space} on the table, 2 full trainings, into the study {@code db}. */
    private Cli.Result search(Path space, String db, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--space", space.toString(), "--objective", TABLE, "--budget",
                "2", "--db", db));
        args.addAll(List.of(more));
        return Cli.run(directory, args.toArray(String[]::new));
    }

    private int lines() throws Exception {
        return Files.readString(Path.of("..", "spaces", "bench.yaml")).split("\n", -1).length;
    }

    @Test
    void theSectionChoosesTheControllerAndTheCommandLineOverridesIt() throws Exception {
        Path space = space("controller: {name: asha, eta: 4}\n");
        Cli.Result search = search(space, "sectioned");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("asha (eta 4) search"), search.out());
        Cli.Result status = Cli.run(directory, "status", "--db", "sectioned");
        assertTrue(status.out().contains("controller  asha (eta 4)"), status.toString());

        Cli.Result overridden = search(space, "overridden", "--controller", "random");
        assertEquals(0, overridden.exitCode(), overridden.toString());
        assertTrue(overridden.out().contains("random search"), overridden.out());
    }

    @Test
    void aBadSectionIsTheSpaceFilesErrorWithItsLine() throws Exception {
        Path space = space("controller: {name: asha, eta: 1}\n");
        Cli.Result search = search(space, "bad");
        assertEquals(2, search.exitCode(), search.toString());
        assertTrue(search.err().startsWith("nas: " + space + ":" + lines() + ": controller.eta: must be at least 2, "
                + "got 1\n"), search.err());
        assertFalse(Files.exists(directory.resolve("bad.mv.db")), "no study is created");

        Cli.Result unknown = search(space("controller: annealing\n"), "bad");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().startsWith("nas: " + space + ":" + lines() + ": unknown controller 'annealing'"),
                unknown.err());
    }
}
