package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.controller.bayes.BayesianOptimization;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trial;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --warm-start in the real main class, on the shipped tabular benchmark (no training): a study warm-started from an
 * earlier one knows its trials from the first ask, keeps them apart from its own (numbered below 0, outside the
 * budget and the front) through resume, and refuses another space, another source and a table of other candidates,
 * changing nothing; a table's rows warm-start a multi-fidelity controller, which never continues from one.
 */
class WarmStartCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPACE = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
    private static final Path TABLE = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private Cli.Result search(String db, String controller, int budget, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--space", SPACE.toString(), "--objective",
                "table:" + TABLE, "--controller", controller, "--budget", Integer.toString(budget), "--db", db));
        args.addAll(List.of(more));
        return Cli.run(directory, args.toArray(String[]::new));
    }

    private <T> T read(String db, Function<SqlStorage, T> reading) {
        return new H2StudyLocation(StudyFiles.of(directory.resolve(db))).read(reading);
    }

    @Test
    void aWarmStartedStudyLearnsFromTheEarlierTrialsAndKeepsThemApartThroughResume() throws Exception {
        Cli.Result earlier = search("earlier", "random", 6);
        assertEquals(0, earlier.exitCode(), earlier.toString());
        List<Trial> known = read("earlier", SqlStorage::trials);

        Cli.Result warm = search("warm", "bayes", 3, "--warm-start", "earlier");
        assertEquals(0, warm.exitCode(), warm.toString());
        assertTrue(warm.out().contains("nas: warm-started from " + directory.resolve("earlier.mv.db") + ": 6 trial(s)"),
                warm.out());
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "warm", "--budget", "5");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("nas: warm-started from "), "resume knows them too\n" + resumed);

        List<Trial> warmTrials = read("warm", SqlStorage::warmTrials);
        List<Trial> own = read("warm", SqlStorage::trials);
        assertEquals(List.of(-6, -5, -4, -3, -2, -1), warmTrials.stream().map(Trial::number).toList());
        for (int i = 0; i < 6; i++) {
            assertEquals(known.get(i).candidate(), warmTrials.get(i).candidate());
            assertEquals(known.get(i).outcome(), warmTrials.get(i).outcome(), "the earlier result, as it was");
            assertEquals("trial " + i, warmTrials.get(i).attributes().get(WarmStart.FROM));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), own.stream().map(Trial::number).toList(), "the budget is its own");
        Set<Candidate> knownCandidates = known.stream().map(Trial::candidate).collect(Collectors.toSet());
        own.forEach(t -> assertFalse(knownCandidates.contains(t.candidate()), "tried again: " + t));
        // Bayes models after 8 observations: a cold study from its trial 8, this one from its trial 2.
        assertFalse(own.get(1).attributes().containsKey(BayesianOptimization.ACQUISITION), own.get(1).toString());
        assertTrue(own.get(2).attributes().containsKey(BayesianOptimization.ACQUISITION), own.get(2).toString());

        JsonNode status = JSON.readTree(Cli.run(directory, "status", "--db", "warm", "--format", "json").out());
        assertEquals(5, status.get("trials").asInt());
        assertEquals(5.0, status.get("budget_spent").asDouble());
        assertEquals(6, status.get("warm_start").get("trials").asInt(), status.toString());
        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", "warm", "--format", "json").out());
        assertEquals(11, trials.size());
        assertEquals(-6, trials.get(0).get("trial").asInt());
        assertEquals("warm start: trial 0 of " + directory.resolve("earlier.mv.db"),
                trials.get(0).get("origin").asText());
        assertTrue(trials.get(6).get("origin").isNull(), trials.get(6).toString());

        Cli.Result again = search("warm", "bayes", 5, "--warm-start", "earlier");
        assertEquals(0, again.exitCode(), "the same command continues the study\n" + again);
        Path subset = directory.resolve("subset.csv");
        Files.writeString(subset, String.join("\n", Files.readAllLines(TABLE).subList(0, 40)) + "\n");
        byte[] before = Files.readAllBytes(directory.resolve("warm.mv.db"));
        Cli.Result other = search("warm", "bayes", 6, "--warm-start", "table:" + subset);
        assertEquals(2, other.exitCode(), other.toString());
        assertTrue(other.err().contains("warm start: " + directory.resolve("earlier.mv.db") + " vs table:" + subset),
                other.err());
        assertArrayEquals(before, Files.readAllBytes(directory.resolve("warm.mv.db")), "refused: the study unchanged");
    }

    @Test
    void anotherSpaceAMissingStudyAndATableOfOtherCandidatesAreRefusedAndNothingIsMade() throws Exception {
        Path stem = directory.resolve("stem8.yaml");
        Files.writeString(stem, Files.readString(SPACE).replace("stem: {filters: 16, kernel: 3, stride: 2}",
                "stem: {filters: 8, kernel: 3, stride: 2}"));
        Cli.Result other = Cli.run(directory, "--space", stem.toString(), "--objective", "table:" + TABLE,
                "--budget", "2", "--db", "stem8");
        assertEquals(0, other.exitCode(), other.toString());

        Cli.Result refused = search("refused", "random", 2, "--warm-start", "stem8");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--warm-start stem8: its trials are of another space (this study's vs its): "
                + "stem: Stem[filters=16, kernel=3, stride=2] vs Stem[filters=8, kernel=3, stride=2]"), refused.err());
        Cli.Result missing = search("refused", "random", 2, "--warm-start", "nowhere");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--warm-start nowhere: no study database at "), missing.err());
        Path columns = directory.resolve("columns.csv");
        Files.writeString(columns, "blocks[0].op,accuracy\ndwconv,0.5\n");
        Cli.Result table = search("refused", "random", 2, "--warm-start", columns.toString());
        assertEquals(2, table.exitCode(), table.toString());
        assertTrue(table.err().contains("--warm-start " + columns + ": " + columns + ":1: the header lacks the "
                + "column(s)"), table.err());
        assertFalse(Files.exists(directory.resolve("refused.mv.db")));
    }

    @Test
    void aTablesRowsWarmStartAshaWhichNeverContinuesFromOne() throws Exception {
        Path subset = directory.resolve("subset.csv");
        List<String> lines = Files.readAllLines(TABLE);
        int header = (int) lines.stream().takeWhile(l -> l.startsWith("#")).count();
        Files.writeString(subset, String.join("\n", lines.subList(0, header + 31)) + "\n");
        Cli.Result search = search("asha", "asha", 3, "--warm-start", "table:" + subset);
        assertEquals(0, search.exitCode(), search.toString());

        List<Trial> warm = read("asha", SqlStorage::warmTrials);
        assertEquals(30, warm.size());
        String[] head = lines.get(header).split(",");
        int last = List.of(head).indexOf("accuracy_epoch_27");
        assertTrue(last > 0, lines.get(header));
        for (int i = 0; i < 30; i++) {
            assertEquals(27, warm.get(i).epochsSpent(), "the study's full epochs of the row");
            assertEquals(Double.parseDouble(lines.get(header + 1 + i).split(",")[last]),
                    warm.get(i).evaluation().orElseThrow().accuracy(), "row " + (i + 1));
            assertEquals("row " + (i + 1), warm.get(i).attributes().get(WarmStart.FROM));
        }
        Set<Candidate> known = warm.stream().map(Trial::candidate).collect(Collectors.toSet());
        List<Trial> own = read("asha", SqlStorage::trials);
        assertTrue(own.size() > 3, "asha starts cheap trials: " + own.size());
        for (Trial t : own) {
            assertTrue(t.parent().map(Parent::trial).orElse(0) >= 0, "continued from a warm-start trial: " + t);
            assertTrue(t.parent().isPresent() || !known.contains(t.candidate()), "a known candidate again: " + t);
        }
        JsonNode status = JSON.readTree(Cli.run(directory, "status", "--db", "asha", "--format", "json").out());
        assertEquals("table:" + subset, status.get("warm_start").get("source").asText());
    }
}
