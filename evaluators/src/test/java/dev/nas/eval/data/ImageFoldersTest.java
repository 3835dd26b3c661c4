package dev.nas.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.FeatureMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of images per class, as users bring them, made from the embedded images in a temporary folder. */
class ImageFoldersTest {

    private static final FeatureMap GREY = new FeatureMap(28, 28, 1);
    private static final Dataset.Reading SKIPPING = new Dataset.Reading(true, Optional.empty());
    private static final FeatureMap COLOUR = new FeatureMap(28, 28, 3);
    private static final List<String> CLASSES = List.of("coat", "shirt", "top");
    /** 30 embedded images, 10 of each of labels 0-2 in label order: in the folders, class i is CLASSES[i]. */
    private static final ImageSet IMAGES = three(Dataset.embedded().train(), 10);

    @TempDir
    Path folder;

    /** The first {@code each} images of labels 0, 1 and 2, in that order: image i has label i / each. */
    private static ImageSet three(ImageSet all, int each) {
        int[] picked = new int[3 * each];
        int[] count = new int[3];
        for (int i = 0; i < all.size(); i++) {
            int label = all.label(i);
            if (label < 3 && count[label] < each) {
                picked[label * each + count[label]++] = i;
            }
        }
        return all.subset(picked);
    }

    private static float[] pixels(ImageSet images, int index) {
        float[] pixels = new float[images.shape().pixels() * images.shape().channels()];
        images.copyImage(index, pixels, 0);
        return pixels;
    }

    /** The image of the folder set with the same pixels, whatever order the folders are read in. */
    private static int find(ImageSet read, float[] wanted) {
        for (int i = 0; i < read.size(); i++) {
            if (java.util.Arrays.equals(pixels(read, i), wanted)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void greyPngsOfTheInputSizeReadBackExactlyWithTheirClassesInNameOrder() throws Exception {
        ImageFiles.writeFolders(folder, IMAGES, CLASSES, "png", 1, false);
        Dataset data = Dataset.load(folder, GREY);
        assertEquals(CLASSES, data.classNames());
        assertEquals(30, data.train().size());
        assertTrue(data.description().startsWith("image folders " + folder + " (30 training images, 3 classes)"),
                data.description());
        for (int i = 0; i < IMAGES.size(); i++) {
            int at = find(data.train(), pixels(IMAGES, i));
            assertTrue(at >= 0, "image " + i + " read back unchanged");
            assertEquals(IMAGES.label(i), data.train().label(at));
        }
        assertEquals(data.sha256(), Dataset.load(folder, GREY).sha256(), "the same files, the same hash");
        Files.move(folder.resolve("top/0029.png"), folder.resolve("coat/0029.png"));
        assertNotEquals(data.sha256(), Dataset.load(folder, GREY).sha256(), "a file moved to another class");
    }

    @Test
    void largerColourJpegsAndBmpsAreScaledCroppedAndConvertedToTheInputsChannels() throws Exception {
        ImageFiles.writeFolders(folder, IMAGES.subset(new int[] {0, 10, 20}), CLASSES, "bmp", 2, true);
        Dataset colour = Dataset.load(folder, COLOUR);
        assertEquals(COLOUR, colour.train().shape());
        float[] first = pixels(colour.train(), 0);
        float[] original = pixels(IMAGES, 0);
        // Halved from 56x56 in two steps of 2x2 blocks of equal pixels: the colourised original, channel by channel.
        for (int p = 0; p < 28 * 28; p++) {
            int grey = Math.round(original[p] * 255);
            int rgb = ImageFiles.colourised(grey);
            assertEquals((rgb >> 16) & 0xFF, Math.round(first[p] * 255), 1, "red at " + p);
            assertEquals((rgb >> 8) & 0xFF, Math.round(first[28 * 28 + p] * 255), 1, "green at " + p);
            assertEquals(rgb & 0xFF, Math.round(first[2 * 28 * 28 + p] * 255), 1, "blue at " + p);
        }
        Dataset grey = Dataset.load(folder, GREY);
        int grey0 = Math.round(original[400] * 255);
        int rgb = ImageFiles.colourised(grey0);
        assertEquals(0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF),
                pixels(grey.train(), 0)[400] * 255, 1.0, "colour to grey by BT.601 luma");

        Path jpegs = folder.resolve("jpeg");
        ImageFiles.writeFolders(jpegs, IMAGES, CLASSES, "jpg", 3, false);
        Files.move(jpegs.resolve("coat/0000.jpg"), jpegs.resolve("coat/0000.JPEG"));
        Dataset photos = Dataset.load(jpegs, new FeatureMap(20, 24, 3));
        assertEquals(30, photos.train().size(), "every JPEG, whatever the case of its extension");
        assertEquals(new FeatureMap(20, 24, 3), photos.train().shape());
    }

    @Test
    void trainValAndTestFoldersAreHonoured() throws Exception {
        ImageFiles.writeFolders(folder.resolve("train"), IMAGES, CLASSES, "png", 1, false);
        ImageFiles.writeFolders(folder.resolve("val"), IMAGES.subset(new int[] {1, 11, 21}), CLASSES, "png", 1,
                false);
        ImageFiles.writeFolders(folder.resolve("test"), IMAGES.subset(new int[] {2, 12}), CLASSES, "png", 1, false);
        Dataset data = Dataset.load(folder, GREY);
        assertEquals(30, data.train().size());
        assertEquals(3, data.validation().orElseThrow().size());
        Split split = data.split(0.2, 1);
        assertEquals(30, split.train().size(), "the data's own validation images, nothing split off");
        assertEquals(3, split.validation().size());
        assertEquals(33, data.all().size(), "a final model retrains on training and validation images");
        assertEquals(data.validation().orElseThrow().label(2), data.all().label(32));
        Dataset test = Dataset.loadTest(folder, GREY);
        assertEquals(2, test.train().size());
        assertArrayEquals(new int[] {0, 1}, new int[] {test.train().label(0), test.train().label(1)});
    }

    @Test
    void foldersAreDecodedOnceIntoACacheFileReadFromItAfterAndDecodedAgainWhenTheFilesChange() throws Exception {
        Path data = folder.resolve("data");
        ImageFiles.writeFolders(data.resolve("train"), IMAGES, CLASSES, "png", 1, false);
        ImageFiles.writeFolders(data.resolve("val"), IMAGES.subset(new int[] {1, 11, 21}), CLASSES, "png", 1, false);
        Path cache = folder.resolve("cache");
        Dataset.Reading caching = new Dataset.Reading(false, Optional.of(cache));
        Dataset inHeap = Dataset.load(data, GREY);
        Dataset decoded = Dataset.load(data, GREY, caching);
        assertTrue(decoded.train().cached() && decoded.validation().orElseThrow().cached());
        assertFalse(inHeap.train().cached());
        assertEquals(inHeap.sha256(), decoded.sha256(), "the hash is over the files, however they are kept");
        Path file;
        try (var files = Files.list(cache)) {
            file = files.collect(java.util.stream.Collectors.toList()).get(0);
        }
        assertEquals(inHeap.sha256() + "-28x28x1.images", file.getFileName().toString());
        var written = Files.getLastModifiedTime(file);

        Dataset again = Dataset.load(data, GREY, caching);
        assertEquals(written, Files.getLastModifiedTime(file), "read from the cache, not written again");
        for (Dataset read : List.of(decoded, again)) {
            assertEquals(inHeap.description(), read.description());
            for (int i = 0; i < 33; i++) {
                assertEquals(inHeap.all().label(i), read.all().label(i));
                assertArrayEquals(pixels(inHeap.all(), i), pixels(read.all(), i), "image " + i);
            }
        }
        ImageSet trainingSplit = again.split(0.2, 1).train();
        assertTrue(trainingSplit.cached(), "a split is a view of the cache, not a copy in the heap");

        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));
        assertEquals(30, Dataset.load(data, GREY, caching).train().size(), "a damaged cache file is rewritten");
        Files.delete(data.resolve("train/coat/0000.png"));
        Dataset changed = Dataset.load(data, GREY, caching);
        assertEquals(29, changed.train().size(), "changed files, a new hash, a new cache file");
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void badFoldersAreRefusedNamingTheFileOrFolder() throws Exception {
        ImageFiles.writeFolders(folder, IMAGES, CLASSES, "png", 1, false);
        Path corrupt = folder.resolve("shirt/0015.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        DataException broken = assertThrows(DataException.class, () -> Dataset.load(folder, GREY));
        assertTrue(broken.getMessage().startsWith(corrupt + ": "), broken.getMessage());
        Files.writeString(corrupt, "not an image at all");
        DataException text = assertThrows(DataException.class, () -> Dataset.load(folder, GREY));
        assertEquals(corrupt + ": not a PNG, JPEG or BMP image (no decoder recognises its bytes)", text.getMessage());
        Dataset skipping = Dataset.load(folder, GREY, SKIPPING);
        assertEquals(29, skipping.train().size(), "the other images, when told to pass over unreadable ones");
        assertEquals(List.of(text.getMessage()), skipping.skipped());
        assertTrue(skipping.description().endsWith("3 classes, 1 unreadable images skipped)"),
                skipping.description());
        assertEquals(Dataset.load(folder, GREY, SKIPPING).sha256(), skipping.sha256(), "the same files, the same hash");
        Files.delete(corrupt);

        Files.createDirectories(folder.resolve("empty"));
        Files.writeString(folder.resolve("empty/notes.txt"), "no images here");
        DataException empty = assertThrows(DataException.class, () -> Dataset.load(folder, GREY));
        assertEquals(folder.resolve("empty") + " has no PNG, JPEG or BMP images: every class folder needs some",
                empty.getMessage());

        Files.delete(folder.resolve("empty/notes.txt"));
        Files.writeString(folder.resolve("empty/broken.jpg"), "no JPEG either");
        DataException none = assertThrows(DataException.class, () -> Dataset.load(folder, GREY, SKIPPING));
        assertEquals(folder.resolve("empty") + " has no image that can be decoded: every class folder needs some",
                none.getMessage());

        Path single = folder.resolve("single");
        ImageFiles.writeFolders(single, IMAGES.subset(new int[] {0, 1}), CLASSES, "png", 1, false);
        DataException one = assertThrows(DataException.class, () -> Dataset.load(single, GREY));
        assertTrue(one.getMessage().startsWith(single + " has one class folder (coat): a classifier needs two"),
                one.getMessage());

        DataException noTest = assertThrows(DataException.class, () -> Dataset.loadTest(single, GREY));
        assertTrue(noTest.getMessage().contains("no test/ folder"), noTest.getMessage());
    }
}
