package dev.nas.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.FeatureMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

    /** Images of 2x2 pixels: image i has every pixel equal to 50 x i; labels i mod 3. */
    private static byte[][] files(int count, int labelCount, int imageBytes) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(images);
        out.writeInt(0x803);
        out.writeInt(count);
        out.writeInt(2);
        out.writeInt(2);
        for (int i = 0; i < imageBytes; i++) {
            out.writeByte(50 * (i / 4));
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(0x801);
        lab.writeInt(labelCount);
        for (int i = 0; i < labelCount; i++) {
            lab.writeByte(i % 3);
        }
        return new byte[][] {images.toByteArray(), labels.toByteArray()};
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static ImageSet read(byte[] images, byte[] labels) {
        return Idx.read(new ByteArrayInputStream(images), "images.idx", new ByteArrayInputStream(labels),
                "labels.idx");
    }

    @Test
    void readsIdxPlainAndGzipped() throws IOException {
        byte[][] f = files(4, 4, 16);
        for (ImageSet set : new ImageSet[] {read(f[0], f[1]), read(gzip(f[0]), gzip(f[1]))}) {
            assertEquals(4, set.size());
            assertEquals(new FeatureMap(2, 2, 1), set.shape());
            assertEquals(3, set.classes());
            float[] third = new float[4];
            set.copyImage(3, third, 0);
            assertEquals(150 / 255f, third[0], 1e-6);
            assertEquals(0, set.label(3));
        }
    }

    @Test
    void truncatedIdxSaysSo() throws IOException {
        byte[][] f = files(4, 4, 13);
        DataException e = assertThrows(DataException.class, () -> read(f[0], f[1]));
        assertTrue(e.getMessage().startsWith("images.idx: truncated"), e.getMessage());
        DataException gz = assertThrows(DataException.class, () -> read(gzip(f[0]), gzip(f[1])));
        assertTrue(gz.getMessage().contains("truncated"), gz.getMessage());
    }

    @Test
    void wrongMagicNumberSaysWhichFile() throws IOException {
        byte[][] f = files(4, 4, 16);
        DataException e = assertThrows(DataException.class, () -> read(f[1], f[0]));
        assertEquals("images.idx: wrong magic number 0x00000801, expected 0x00000803 (IDX images of unsigned bytes)",
                e.getMessage());
    }

    @Test
    void labelCountMismatch() throws IOException {
        byte[][] f = files(4, 3, 16);
        DataException e = assertThrows(DataException.class, () -> read(f[0], f[1]));
        assertEquals("labels.idx has 3 labels but images.idx has 4 images", e.getMessage());
    }

    @Test
    void readsCsvWithHeaderAndNamesTheBadLine() {
        String csv = "label,p1,p2,p3,p4\n1,0,255,0,255\n2,10,20,30,40\n";
        ImageSet set = CsvImages.read(new StringReader(csv), "x.csv", new FeatureMap(2, 2, 1));
        assertEquals(2, set.size());
        assertEquals(2, set.label(1));
        DataException e = assertThrows(DataException.class, () -> CsvImages.read(
                new StringReader(csv + "3,1,2,300,4\n"), "x.csv", new FeatureMap(2, 2, 1)));
        assertEquals("x.csv:4: field 4 is '300', expected a pixel value 0-255", e.getMessage());
        e = assertThrows(DataException.class, () -> CsvImages.read(new StringReader(csv + "3,1,2\n"), "x.csv",
                new FeatureMap(2, 2, 1)));
        assertTrue(e.getMessage().startsWith("x.csv:4: expected a label and 4 pixel values"), e.getMessage());
    }

    @Test
    void loadsAnIdxDirectoryAndHashesWhatItRead(@TempDir Path dir) throws IOException {
        byte[][] f = files(6, 6, 24);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(f[0]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), f[1]);
        Dataset data = Dataset.load(dir, new FeatureMap(2, 2, 1));
        assertEquals(6, data.train().size());
        assertEquals(64, data.sha256().length());
        assertEquals(data.sha256(), Dataset.load(dir, new FeatureMap(2, 2, 1)).sha256());
        DataException e = assertThrows(DataException.class, () -> Dataset.load(dir.resolve("nope"),
                new FeatureMap(2, 2, 1)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        DataException shape = assertThrows(DataException.class, () -> data.checkFits(new FeatureMap(28, 28, 1), 10));
        assertTrue(shape.getMessage().contains("holds 2x2x1 images; the space expects 28x28x1"), shape.getMessage());
    }

    @Test
    void embeddedSubsetIsBalancedFashionMnist() {
        Dataset data = Dataset.embedded();
        assertEquals(10_000, data.train().size());
        assertEquals(new FeatureMap(28, 28, 1), data.train().shape());
        int[] perClass = new int[10];
        for (int i = 0; i < data.train().size(); i++) {
            perClass[data.train().label(i)]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertEquals(Arrays.toString(thousand), Arrays.toString(perClass));
    }

    @Test
    void splitIsStratifiedAndSeeded() {
        ImageSet images = Dataset.embedded().train().head(1000);
        Split a = Split.stratified(images, 0.2, 5);
        Split b = Split.stratified(images, 0.2, 5);
        assertEquals(1000, a.validation().size() + a.train().size());
        for (int i = 0; i < a.validation().size(); i++) {
            assertEquals(a.validation().label(i), b.validation().label(i));
        }
        int[] perClass = new int[10];
        for (int i = 0; i < a.validation().size(); i++) {
            perClass[a.validation().label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            int inClass = 0;
            for (int i = 0; i < images.size(); i++) {
                inClass += images.label(i) == c ? 1 : 0;
            }
            assertEquals(Math.round(inClass * 0.2), perClass[c], "class " + c);
        }
    }
}
