package dev.nas.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.FeatureMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 and CIFAR-100 binary files, made from the embedded images in a temporary folder. */
class CifarTest {

    private static final FeatureMap CIFAR = new FeatureMap(32, 32, 3);
    private static final ImageSet IMAGES = Dataset.embedded().train().head(40);

    @TempDir
    Path folder;

    @Test
    void cifar10BatchesReadInOrderWithTheirClassNamesAndTheTestBatchApart() throws Exception {
        byte[] records = ImageFiles.cifarRecords(IMAGES, 1);
        int half = 20 * 3073;
        Files.write(folder.resolve("data_batch_1.bin"), Arrays.copyOfRange(records, 0, half));
        Files.write(folder.resolve("data_batch_2.bin"), Arrays.copyOfRange(records, half, records.length));
        Files.write(folder.resolve("test_batch.bin"), Arrays.copyOfRange(records, 0, 3 * 3073));
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck");
        Files.writeString(folder.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n");
        Dataset data = Dataset.load(folder, CIFAR);
        assertEquals(40, data.train().size());
        assertEquals(names, data.classNames());
        assertTrue(data.description().startsWith("CIFAR-10 " + folder + " (40 training images)"), data.description());
        float[] pixels = new float[3 * 32 * 32];
        float[] original = new float[28 * 28];
        for (int i = 0; i < 40; i++) {
            assertEquals(IMAGES.label(i), data.train().label(i));
        }
        data.train().copyImage(25, pixels, 0);
        IMAGES.copyImage(25, original, 0);
        int grey = Math.round(original[14 * 28 + 14] * 255);
        assertEquals((ImageFiles.colourised(grey) >> 8) & 0xFF, Math.round(pixels[32 * 32 + 16 * 32 + 16] * 255),
                "the green plane, pixel for pixel");
        assertEquals(3, Dataset.loadTest(folder, CIFAR).train().size());

        Dataset grey28 = Dataset.load(folder, new FeatureMap(28, 28, 1));
        assertEquals(new FeatureMap(28, 28, 1), grey28.train().shape(), "fitted to another input as any picture");
    }

    @Test
    void cifar100UsesTheFineLabels() throws Exception {
        byte[] records = ImageFiles.cifarRecords(IMAGES, 2);
        for (int i = 0; i < 40; i++) {
            records[i * 3074] = 19;
            records[i * 3074 + 1] = (byte) (50 + IMAGES.label(i));
        }
        Files.write(folder.resolve("train.bin"), records);
        Dataset data = Dataset.load(folder, CIFAR);
        assertTrue(data.description().startsWith("CIFAR-100 "), data.description());
        assertEquals(50 + IMAGES.label(7), data.train().label(7));
        DataException noTest = assertThrows(DataException.class, () -> Dataset.loadTest(folder, CIFAR));
        assertTrue(noTest.getMessage().contains("not its test images (test.bin)"), noTest.getMessage());
    }

    @Test
    void aFileOfTheWrongLengthOrALabelOutOfRangeIsRefusedNamingTheFile() throws Exception {
        byte[] records = ImageFiles.cifarRecords(IMAGES.head(3), 1);
        Path batch = folder.resolve("data_batch_1.bin");
        Files.write(batch, Arrays.copyOf(records, records.length - 5));
        DataException length = assertThrows(DataException.class, () -> Dataset.load(folder, CIFAR));
        assertEquals(batch + " is 9214 bytes, not a whole number of CIFAR-10 records (3073 bytes each: a label and "
                + "32x32x3 pixels)", length.getMessage());
        records[2 * 3073] = 10;
        Files.write(batch, records);
        DataException label = assertThrows(DataException.class, () -> Dataset.load(folder, CIFAR));
        assertEquals(batch + ": record 3 has label 10; CIFAR-10 labels are 0 to 9", label.getMessage());
    }
}
