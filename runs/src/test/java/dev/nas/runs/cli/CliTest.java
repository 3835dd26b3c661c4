package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.trial.Trial;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in its own JVM, on the tiny space and a small real dataset. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static Path data;
    static Path tiny;
    static Cli.Result search;

    @BeforeAll
    static void searchTheTinySpace() throws Exception {
        tiny = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize();
        data = directory.resolve("fashion-1000");
        writeIdx(Dataset.embedded().train().head(1000), data);
        search = Cli.run(directory, "--space", tiny.toString(), "--budget", "3", "--seed", "3", "--db", "study",
                "--data", data.toString(), "--epochs", "2");
    }

    @Test
    void aSearchTrainsMeasuresAndStoresEveryTrial() throws Exception {
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("trial #2"), search.out());
        assertTrue(search.out().contains("Pareto front"), search.out());
        assertTrue(search.out().matches("(?s).*nas: time: training [0-9.]+% \\([0-9]+ s of [0-9]+\\), validation "
                + "[0-9.]+%, building, checkpoints and recording epochs [0-9.]+%, latency, int8 scoring and "
                + "recording trials [0-9.]+%, choosing the next trial [0-9.]+%.*"), search.out());
        assertTrue(Files.isRegularFile(directory.resolve("study.mv.db")));

        Cli.Result trials = Cli.run(directory, "trials", "--db", "study", "--format", "json");
        assertEquals(0, trials.exitCode(), trials.toString());
        JsonNode rows = JSON.readTree(trials.out());
        assertEquals(3, rows.size());
        Set<String> keys = new HashSet<>();
        for (JsonNode row : rows) {
            assertEquals("complete", row.get("state").asText(), row.toString());
            assertTrue(row.get("latency_ms").asDouble() > 0, row.toString());
            assertEquals("measured", row.get("latency_source").asText());
            keys.add(row.get("key").asText());
        }
        assertEquals(3, keys.size(), "three different candidates");
    }

    @Test
    void paretoExportListsTheFrontWithAccuracyAboveChance() throws Exception {
        Cli.Result pareto = Cli.run(directory, "pareto", "--db", "study", "--format", "json");
        assertEquals(0, pareto.exitCode(), pareto.toString());
        JsonNode front = JSON.readTree(pareto.out());
        assertTrue(front.size() >= 1, pareto.out());
        double previousLatency = 0;
        double best = 0;
        for (JsonNode member : front) {
            best = Math.max(best, member.get("accuracy").asDouble());
            assertTrue(member.get("latency_ms").asDouble() >= previousLatency, "fastest first");
            previousLatency = member.get("latency_ms").asDouble();
            assertTrue(member.get("params").asLong() > 0);
            assertTrue(member.get("architecture").asText().contains("ch;"), member.toString());
        }
        assertTrue(best > 0.4, "10 classes, chance is 0.1; the front's most accurate has " + best);
        Cli.Result csv = Cli.run(directory, "pareto", "--db", "study", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertEquals("trial,accuracy,latency_ms,latency_spread_ms,params,macs,reward,feasible,architecture,key,"
                + "objectives", lines.get(0));
        assertTrue(lines.get(1).endsWith(",\"accuracy (fraction, maximize); latency (ms, minimize)\""), lines.get(1));
        assertEquals(front.size() + 1, lines.size());
    }

    @Test
    void statusSummarisesTheStudy() throws Exception {
        Cli.Result status = Cli.run(directory, "status", "--db", "study", "--format", "json");
        assertEquals(0, status.exitCode(), status.toString());
        JsonNode s = JSON.readTree(status.out());
        assertEquals("tiny", s.get("space").asText());
        assertEquals(3, s.get("trials").asInt());
        assertEquals(3.0, s.get("budget_spent").asDouble());
        assertEquals(0.0, s.get("budget_left").asDouble());
        assertEquals(3, s.get("trials_by_state").get("complete").asInt());
        assertTrue(s.get("front_size").asInt() >= 1);
        Cli.Result text = Cli.run(directory, "status", "--db", "study");
        assertTrue(text.out().contains("budget      3 of 3 full trainings spent, 0 left"), text.out());
    }

    @Test
    void badSpaceIsRefusedWithFileLineAndKeyAndNoDatabase() throws Exception {
        Path bad = directory.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(tiny).replace("kernel: [3, 5]", "kernel: [3, -5]"));
        Cli.Result result = Cli.run(directory, "--space", bad.toString(), "--db", "bad-study");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains(bad + ":10: blocks[0].kernel[1]: must be a positive integer, got -5"),
                result.err());
        assertFalse(Files.exists(directory.resolve("bad-study.mv.db")));
    }

    @Test
    void aSearchOnATabularBenchmarkTrainsNothingAndRecordsTheTable() throws Exception {
        Path space = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
        Path table = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", "table:" + table,
                "--controller", "asha", "--budget", "4", "--db", "table-study");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("tabular benchmark"), search.out());
        JsonNode rows = JSON.readTree(Cli.run(directory, "trials", "--db", "table-study", "--format", "json").out());
        int epochs = 0;
        for (JsonNode row : rows) {
            assertEquals("complete", row.get("state").asText(), row.toString());
            epochs += row.get("epochs").asInt();
        }
        // A search never overspends: it ends when the controller's next step (at most 18 epochs, rung 9 to 27) does
        // not fit in what is left of 4 x 27 epochs.
        assertTrue(epochs <= 108 && epochs > 108 - 18, "budget 4 x 27 epochs, spent " + epochs);
        assertTrue(rows.size() > 4, "early stopping tries more candidates than full trainings would");
        JsonNode status = JSON.readTree(Cli.run(directory, "status", "--db", "table-study", "--format", "json").out());
        assertTrue(status.toString().contains("tabular benchmark " + table), status.toString());

        Cli.Result missing = Cli.run(directory, "--space", tiny.toString(), "--objective", "table:" + table,
                "--db", "wrong-table");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("bench.csv:9: the header lacks the column(s)"), missing.err());
    }

    @Test
    void unknownControllerAndOptionAreRefused() throws Exception {
        Cli.Result controller = Cli.run(directory, "--space", tiny.toString(), "--controller", "magic",
                "--db", "magic");
        assertEquals(2, controller.exitCode(), controller.toString());
        assertTrue(controller.err().contains("unknown controller 'magic' (expected one of random, grid, "),
                controller.err());
        Cli.Result option = Cli.run(directory, "--space", tiny.toString(), "--budjet", "3");
        assertEquals(2, option.exitCode(), option.toString());
        assertTrue(option.err().contains("Unknown options: '--budjet'"), option.err());
    }

    @Test
    void anExistingStudyWithOtherSettingsIsLeftUntouched() throws Exception {
        byte[] before = digest(directory.resolve("study.mv.db"));
        Cli.Result result = Cli.run(directory, "--space", tiny.toString(), "--budget", "3", "--seed", "4",
                "--db", "study", "--data", data.toString(), "--epochs", "2");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("seed: 3 vs 4"), result.err());
        assertEquals(new String(before), new String(digest(directory.resolve("study.mv.db"))));
    }

    @Test
    void helpReadsWell() throws Exception {
        Cli.Result help = Cli.run(directory, "--help");
        assertEquals(0, help.exitCode());
        for (String expected : List.of("--space", "--budget", "--controller", "--seed", "--db", "--data", "--epochs",
                "status", "pareto", "trials", "report", "export", "Examples:")) {
            assertTrue(help.out().contains(expected), expected + " in\n" + help.out());
        }
    }

    /** Runs the search that made {@code study} again with some options changed, expecting a refusal. */
    private static Cli.Result refused(String expected, String... changed) throws Exception {
        byte[] before = digest(directory.resolve("study.mv.db"));
        Map<String, String> options = new LinkedHashMap<>(Map.of("--space", tiny.toString(), "--budget", "4",
                "--seed", "3", "--db", "study", "--data", data.toString(), "--epochs", "2"));
        for (int i = 0; i < changed.length; i += 2) {
            options.put(changed[i], changed[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> args.addAll(List.of(k, v)));
        Cli.Result result = Cli.run(directory, args.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains(expected), expected + " in\n" + result.err());
        assertTrue(result.err().contains("nothing was changed"), result.err());
        assertArrayEquals(before, digest(directory.resolve("study.mv.db")), "the study is untouched");
        return result;
    }

    @Test
    void aBrokenSpaceOnAnExistingStudyLeavesItUntouched() throws Exception {
        Path mistyped = directory.resolve("mistyped.yaml");
        Files.writeString(mistyped, Files.readString(tiny).replace("kernel: [3, 5]", "kernell: [3, 5]"));
        refused(mistyped + ":10: blocks[0].kernell: unknown key", "--space", mistyped.toString());
        Path malformed = directory.resolve("malformed.yaml");
        Files.writeString(malformed, Files.readString(tiny).replace("kernel: [3, 5]", "kernel: [3, 5"));
        refused(malformed.toString(), "--space", malformed.toString());
    }

    @Test
    void missingOrCorruptDataIsRefusedAndTheStudyUntouched() throws Exception {
        refused("no-such-data", "--data", directory.resolve("no-such-data").toString());
        byte[] images = gunzip(data.resolve("train-images-idx3-ubyte.gz"));
        byte[] labels = gunzip(data.resolve("train-labels-idx1-ubyte.gz"));

        Path truncated = idx(directory.resolve("truncated"), Arrays.copyOf(images, images.length - 100), labels);
        refused("truncated", "--data", truncated.toString());

        byte[] badMagic = images.clone();
        badMagic[3] = 0x07;
        Path magic = idx(directory.resolve("magic"), badMagic, labels);
        refused("magic", "--data", magic.toString());

        byte[] fewerLabels = Arrays.copyOf(labels, labels.length - 10);
        ByteBuffer.wrap(fewerLabels).putInt(4, 990);
        Path mismatch = idx(directory.resolve("mismatch"), images, fewerLabels);
        refused("990", "--data", mismatch.toString());
    }

    @Test
    void aDatabaseInUseOrInAPlaceThatCannotBeWrittenIsRefused() throws Exception {
        List<Trial> before;
        try (SqlStorage search = new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).open()) {
            before = search.trials();
            Cli.Result inUse = Cli.run(directory, "--space", tiny.toString(), "--budget", "5", "--seed", "3",
                    "--db", "study", "--data", data.toString(), "--epochs", "2");
            assertEquals(2, inUse.exitCode(), inUse.toString());
            assertTrue(inUse.err().contains("is in use by another process"), inUse.err());
        }
        try (SqlStorage study = new H2StudyLocation(StudyFiles.of(directory.resolve("study"))).openReadOnly()) {
            assertEquals(before, study.trials());
            assertEquals(3.0, study.spec().budget());
        }
        Path file = Files.writeString(directory.resolve("a-file"), "not a folder");
        Cli.Result result = Cli.run(directory, "--space", tiny.toString(), "--db", file.resolve("study").toString(),
                "--data", data.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("cannot create the folder for " + file.resolve("study.mv.db")),
                result.err());
    }

    private static Path idx(Path dir, byte[] images, byte[] labels) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), images);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        return dir;
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static byte[] digest(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    /** Writes images as a gzipped IDX training set, as Fashion-MNIST ships. */
    static void writeIdx(ImageSet images, Path dir) throws IOException {
        writeIdx(images, dir, "train");
    }

    /** Writes images as gzipped IDX files named as Fashion-MNIST names them: prefix "train", or "t10k" for tests. */
    static void writeIdx(ImageSet images, Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        int h = images.shape().height();
        int w = images.shape().width();
        try (DataOutputStream out = gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
             DataOutputStream labels = gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            out.writeInt(0x803);
            out.writeInt(images.size());
            out.writeInt(h);
            out.writeInt(w);
            labels.writeInt(0x801);
            labels.writeInt(images.size());
            float[] pixels = new float[h * w];
            for (int i = 0; i < images.size(); i++) {
                images.copyImage(i, pixels, 0);
                for (float p : pixels) {
                    out.writeByte(Math.round(p * 255));
                }
                labels.writeByte(images.label(i));
            }
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(raw));
    }
}
