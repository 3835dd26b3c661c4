package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.controller.Controllers;
import dev.nas.eval.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every controller, by its command-line name, runs a real search: DL4J training and measured latency, on the tiny
 * space with epochs as a fidelity (1 to 3) so that multi-fidelity controllers promote and continue from
 * checkpoints.
 */
class ControllersEndToEndTest {

    static final List<String> CONTROLLERS = Controllers.NAMES;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static Path space;
    static Path data;

    @BeforeAll
    static void spaceAndData() throws Exception {
        String tiny = Files.readString(Path.of("..", "spaces", "tiny.yaml"));
        space = directory.resolve("tiny-fidelity.yaml");
        Files.writeString(space, tiny.replaceFirst("(?m)^  epochs: 1$", "  epochs: {min: 1, max: 3}"));
        assertTrue(Files.readString(space).contains("max: 3"), "the tiny space's epochs line changed");
        data = directory.resolve("fashion-600");
        CliTest.writeIdx(Dataset.embedded().train().head(600), data);
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void aRealSearchRunsToItsBudget(String controller) throws Exception {
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--budget", "3", "--seed", "2",
                "--controller", controller, "--db", controller, "--data", data.toString());
        assertEquals(0, search.exitCode(), search.toString());

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", controller, "--format", "json").out());
        int epochs = 0;
        int continued = 0;
        for (JsonNode trial : trials) {
            assertEquals("complete", trial.get("state").asText(), trial.toString());
            epochs += trial.get("epochs").asInt();
            if (!trial.get("parent").isNull()) {
                continued++;
                JsonNode parent = trials.get(trial.get("parent").asInt());
                assertEquals(parent.get("key").asText(), controller.startsWith("pbt") ? parent.get("key").asText()
                        : trial.get("key").asText(), "a promotion continues the same candidate");
                assertEquals(parent.get("fidelity").asInt() + trial.get("epochs").asInt(),
                        trial.get("fidelity").asInt());
            }
        }
        assertTrue(epochs <= 9, "budget 3 x 3 epochs, spent " + epochs);
        assertTrue(trials.size() >= 3, controller + " ran " + trials.size() + " trials");
        if (controller.contains("sha") || controller.startsWith("hyperband")) {
            assertTrue(continued > 0, "rungs 1 and 3 epochs: the best of the first three continues");
        }
    }
}
