package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.prescreen.Prescreened;
import dev.nas.core.trial.Trial;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --prescreen K in the real main class, on the shipped tabular benchmark: every trial's candidate was chosen by the
 * proxy from K proposals and says so, through resume; an unknown proxy is refused.
 */
class PrescreenCliTest {

    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    @Test
    void everyTrialIsTheProxysChoiceOfKProposalsThroughResume() throws Exception {
        Cli.Result search = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--budget", "2", "--prescreen", "4", "--proxy", "params", "--db", "screened");
        assertEquals(0, search.exitCode(), search.toString());
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "screened", "--budget", "3");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        List<Trial> trials;
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(directory.resolve("screened")))
                .openReadOnly()) {
            trials = storage.trials();
        }
        assertEquals(3, trials.size());
        for (Trial trial : trials) {
            String screened = trial.attributes().get(Prescreened.ATTRIBUTE);
            assertTrue(screened != null && screened.startsWith("params ") && screened.endsWith(", best of 4"),
                    "trial " + trial.number() + ": " + trial.attributes());
        }

        Cli.Result unknown = Cli.run(directory, "--space", SPACE.toString(), "--objective", "table:" + TABLE,
                "--budget", "1", "--prescreen", "4", "--proxy", "zen", "--db", "unknown");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--proxy: unknown proxy 'zen' (expected naswot, synflow, grad_norm, "
                + "params)"), unknown.err());
    }
}
