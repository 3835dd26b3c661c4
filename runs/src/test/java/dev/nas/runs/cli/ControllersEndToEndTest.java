package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.controller.ControllerSpec;
import dev.nas.eval.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every controller, by its command-line name, runs a search to its budget in its own JVM: all of them on the
 * tabular benchmark (rungs of 1, 3, 9 and 27 epochs), and those that continue trials from checkpoints also with real
 * DL4J training and measured latency on the tiny space with epochs as a fidelity (1 to 3). The other controllers
 * train as random search does, which the other CLI tests cover.
 */
class ControllersEndToEndTest {

    static final List<String> CONTROLLERS = ControllerSpec.PRESETS;
    /** Successive halving's promotions (by reward; by rank runs the same code) and PBT's copied weights. */
    static final List<String> CONTINUING = List.of("sha", "hyperband", "asha", "pbt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUDGET = 3;

    @TempDir
    static Path directory;
    static Path tiny;
    static Path data;

    @BeforeAll
    static void spaceAndData() throws Exception {
        String yaml = Files.readString(Path.of("..", "spaces", "tiny.yaml"));
        tiny = directory.resolve("tiny-fidelity.yaml");
        Files.writeString(tiny, yaml.replaceFirst("(?m)^  epochs: 1$", "  epochs: {min: 1, max: 3}"));
        assertTrue(Files.readString(tiny).contains("max: 3"), "the tiny space's epochs line changed");
        data = directory.resolve("fashion-600");
        CliTest.writeIdx(Dataset.embedded().train().head(600), data);
    }

    @ParameterizedTest
    @FieldSource("CONTROLLERS")
    void everyControllerSearchesTheTabularBenchmarkToItsBudget(String controller) throws Exception {
        Path bench = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
        Path table = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
        String db = "table-" + controller;
        search(controller, db, 27, "--space", bench.toString(), "--objective", "table:" + table);
    }

    @ParameterizedTest
    @FieldSource("CONTINUING")
    void aRealSearchContinuesItsTrialsFromTheirCheckpoints(String controller) throws Exception {
        search(controller, controller, 3, "--space", tiny.toString(), "--data", data.toString());
    }

    /** Runs the search and checks its trials: all complete, within the budget, promotions continue candidates. */
    private static void search(String controller, String db, int fullEpochs, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--budget", Integer.toString(BUDGET), "--seed", "2", "--controller", controller,
                "--db", db));
        Cli.Result search = Cli.run(directory, args.toArray(String[]::new));
        assertEquals(0, search.exitCode(), search.toString());

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", db, "--format", "json").out());
        int epochs = 0;
        int continued = 0;
        for (JsonNode trial : trials) {
            assertEquals("complete", trial.get("state").asText(), trial.toString());
            epochs += trial.get("epochs").asInt();
            if (!trial.get("parent").isNull()) {
                continued++;
                JsonNode parent = trials.get(trial.get("parent").asInt());
                String parentKey = parent.get("key").asText();
                String key = trial.get("key").asText();
                if (controller.equals("pbt")) {
                    // PBT copies a member's weights with its architecture and perturbs only its training settings.
                    assertEquals(parentKey.substring(0, parentKey.indexOf('|')), key.substring(0, key.indexOf('|')),
                            "PBT keeps the architecture whose weights it copies");
                } else {
                    assertEquals(parentKey, key, "a promotion continues the same candidate");
                }
                assertEquals(parent.get("fidelity").asInt() + trial.get("epochs").asInt(),
                        trial.get("fidelity").asInt());
            }
        }
        assertTrue(epochs <= BUDGET * fullEpochs, "budget " + BUDGET + " x " + fullEpochs + " epochs, spent "
                + epochs);
        assertTrue(trials.size() >= BUDGET, controller + " ran " + trials.size() + " trials");
        if (controller.contains("sha") || controller.startsWith("hyperband") || controller.equals("pbt")) {
            assertTrue(continued > 0, controller + ": the best of a rung continues from its checkpoint");
        }
    }
}
