package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Studies every earlier schema version made, as those versions of nas made them (3 trials of the tiny space on the
 * embedded data; see the README beside them): read as they are, then resumed by this version, which upgrades them.
 */
class OldStudiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void anOldStudyIsReadAsItIsAndResumedWhereItStopped(int version) throws Exception {
        Path study = directory.resolve("old.mv.db");
        try (InputStream golden = OldStudiesTest.class.getResourceAsStream(
                "/dev/nas/runs/storage/golden/schema-" + version + ".mv.db")) {
            Files.copy(golden, study);
        }
        byte[] made = Files.readAllBytes(study);
        Cli.Result trials = Cli.run(directory, "trials", "--db", "old", "--format", "json");
        assertEquals(0, trials.exitCode(), trials.toString());
        JsonNode before = JSON.readTree(trials.out());
        assertEquals(3, before.size(), trials.out());
        before.forEach(t -> assertEquals("complete", t.get("state").asText(), t.toString()));
        assertArrayEquals(made, Files.readAllBytes(study), "reading an old study changes nothing");

        Cli.Result resumed = Cli.run(directory, "resume", "--db", "old", "--budget", "4");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        JsonNode after = JSON.readTree(Cli.run(directory, "trials", "--db", "old", "--format", "json").out());
        assertEquals(4, after.size());
        for (int t = 0; t < 3; t++) {
            assertEquals(before.get(t), after.get(t), "trial " + t + " as the old version stored it");
        }
        assertEquals("complete", after.get(3).get("state").asText(), after.get(3).toString());
        assertEquals(0, Cli.run(directory, "status", "--db", "old").exitCode(), "status after the upgrade");
    }
}
