package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.study.ChannelStats;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageFiles;
import dev.nas.eval.data.ImageSet;
import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches on the data users bring, end to end in the real main class: a folder of colour JPEGs per class on the
 * tiny (grey) space, CIFAR-10 batches on spaces/cifar.yaml; a corrupt image refused naming its file, or skipped
 * when asked, for the search and its export alike.
 */
class ImageDataCliTest {

    private static final ImageSet IMAGES = Dataset.embedded().train().head(150);
    private static final List<String> CLASSES = List.of("tshirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "boot");

    @TempDir
    Path directory;

    @Test
    void aSearchTrainsOnAFolderOfColourJpegsPerClass() throws Exception {
        Path photos = directory.resolve("photos");
        ImageFiles.writeFolders(photos, IMAGES, CLASSES, "jpg", 2, true);
        Cli.Result search = Cli.run(directory, "--space", Path.of("..", "spaces", "tiny.yaml").toAbsolutePath()
                .toString(), "--data", photos.toString(), "--budget", "1", "--epochs", "1", "--db", "photos");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("image folders " + photos + " (150 training images, 10 classes)"),
                search.out());
        Cli.Result status = Cli.run(directory, "status", "--db", "photos");
        assertTrue(status.out().contains("image folders " + photos), status.out());
        try (var cached = Files.list(directory.resolve("image-cache"))) {
            assertEquals(1, cached.count(), "decoded once into the cache beside the study, which export reads");
        }

        // The classes, named by their folders in name order, travel with the study into the report and the export.
        List<String> folders;
        try (var entries = Files.list(photos)) {
            folders = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Cli.Result export = Cli.run(directory, "export", "--db", "photos", "--trial", "0", "--out", "model");
        assertEquals(0, export.exitCode(), export.toString());
        JsonNode classes = new ObjectMapper().readTree(directory.resolve("model/manifest.json").toFile())
                .get("onnx").get("classes");
        assertEquals(folders, StreamSupport.stream(classes.spliterator(), false).map(JsonNode::asText).toList());
        Cli.Result report = Cli.run(directory, "report", "--db", "photos", "--out", "photos.html");
        assertEquals(0, report.exitCode(), report.toString());
        assertTrue(Files.readString(directory.resolve("photos.html")).contains(String.join(", ", folders)));
    }

    @Test
    void aSearchOfTheCifarSpaceTrainsOnCifar10Batches() throws Exception {
        Path cifar = directory.resolve("cifar-10-batches-bin");
        Files.createDirectories(cifar);
        Files.write(cifar.resolve("data_batch_1.bin"), ImageFiles.cifarRecords(IMAGES, 1));
        Cli.Result search = Cli.run(directory, "--space", Path.of("..", "spaces", "cifar.yaml").toAbsolutePath()
                .toString(), "--data", cifar.toString(), "--budget", "1", "--epochs", "1", "--db", "cifar");
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("CIFAR-10 " + cifar + " (150 training images)"), search.out());

        // The space normalises per channel by its training images' statistics, kept with the study: the same
        // numbers after resume (which refuses other data), in the manifest and inside the exported model.
        ChannelStats stats = Dataset.load(cifar, new FeatureMap(32, 32, 3)).split(0.2, 1).train().channelStats();
        Cli.Result status = Cli.run(directory, "status", "--db", "cifar");
        assertTrue(status.out().contains("normalised per channel by " + stats), status.out());
        Cli.Result resumed = Cli.run(directory, "resume", "--db", "cifar", "--budget", "2");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        Cli.Result export = Cli.run(directory, "export", "--db", "cifar", "--trial", "1", "--out", "model");
        assertEquals(0, export.exitCode(), export.toString());
        JsonNode manifest = new ObjectMapper().readTree(directory.resolve("model/manifest.json").toFile());
        assertTrue(manifest.get("onnx").get("preprocess").asText().endsWith("the model normalises each channel "
                + "itself by the study's training images' " + stats), manifest.toString());
        Onnx.TensorProto shift = Onnx.ModelProto.parseFrom(Files.readAllBytes(directory.resolve("model/model.onnx")))
                .getGraph().getInitializerList().stream().filter(t -> t.getName().equals("stem_norm_shift"))
                .findFirst().orElseThrow();
        java.nio.FloatBuffer values = shift.getRawData().asReadOnlyByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int c = 0; c < 3; c++) {
            assertEquals((float) (-stats.mean().get(c) / stats.std().get(c)), values.get(c), "channel " + c);
        }
    }

    private static long files(Path folder) {
        try (var files = Files.list(folder)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path first(Path folder) {
        try (var files = Files.list(folder)) {
            return files.sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCorruptImageIsRefusedNamingItsFileOrSkippedWhenToldAndNothingIsMade() throws Exception {
        Path photos = directory.resolve("photos");
        ImageFiles.writeFolders(photos, IMAGES.head(20), CLASSES, "png", 1, false);
        Path corrupt;
        try (var classes = Files.list(photos)) {
            // In the largest class, so that it keeps images when the corrupt one is skipped.
            corrupt = classes.max(Comparator.comparingLong(ImageDataCliTest::files)).map(ImageDataCliTest::first)
                    .orElseThrow();
        }
        Files.writeString(corrupt, "a note saved with the wrong name");
        Cli.Result refused = Cli.run(directory, "--space", Path.of("..", "spaces", "tiny.yaml").toAbsolutePath()
                .toString(), "--data", photos.toString(), "--budget", "1", "--db", "refused");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains(corrupt + ": not a PNG, JPEG or BMP image"), refused.err());
        assertFalse(refused.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(directory.resolve("refused.mv.db")), "no study made");

        Cli.Result skipping = Cli.run(directory, "--space", Path.of("..", "spaces", "tiny.yaml").toAbsolutePath()
                .toString(), "--data", photos.toString(), "--budget", "1", "--epochs", "1", "--db", "skipping",
                "--skip-unreadable-images");
        assertEquals(0, skipping.exitCode(), skipping.toString());
        assertTrue(skipping.out().contains("nas: skipped " + corrupt + ": not a PNG, JPEG or BMP image"),
                skipping.out());
        assertTrue(skipping.out().contains("(19 training images, "), skipping.out());
        Cli.Result export = Cli.run(directory, "export", "--db", "skipping", "--trial", "0", "--out", "skipped");
        assertEquals(0, export.exitCode(), "the export reads the data as the study did\n" + export);
    }
}
