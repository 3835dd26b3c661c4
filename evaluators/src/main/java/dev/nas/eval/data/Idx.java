package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): unsigned-byte images
 * (magic 0x00000803: count, rows, columns) and labels (magic 0x00000801: count), gzipped or not. Checks the magic
 * numbers, the sizes and that labels and images agree, and says which file is wrong and how.
 */
public final class Idx {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Reads images and their labels; {@code imagesName} and {@code labelsName} name the sources in messages. */
    public static ImageSet read(InputStream images, String imagesName, InputStream labels, String labelsName) {
        try (DataInputStream in = open(images); DataInputStream lab = open(labels)) {
            int magic = header(in, imagesName);
            if (magic != IMAGES_MAGIC) {
                throw new DataException(imagesName + ": wrong magic number " + hex(magic) + ", expected "
                        + hex(IMAGES_MAGIC) + " (IDX images of unsigned bytes)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataException(imagesName + ": bad header: " + count + " images of " + rows + "x" + cols);
            }
            int labelMagic = header(lab, labelsName);
            if (labelMagic != LABELS_MAGIC) {
                throw new DataException(labelsName + ": wrong magic number " + hex(labelMagic) + ", expected "
                        + hex(LABELS_MAGIC) + " (IDX labels of unsigned bytes)");
            }
            int labelCount = lab.readInt();
            if (labelCount != count) {
                throw new DataException(labelsName + " has " + labelCount + " labels but " + imagesName + " has "
                        + count + " images");
            }
            byte[] pixels = new byte[count * rows * cols];
            readFully(in, pixels, imagesName, (long) count * rows * cols, 0);
            byte[] rawLabels = new byte[count];
            readFully(lab, rawLabels, labelsName, count, 0);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = rawLabels[i] & 0xFF;
            }
            return new ImageSet(new FeatureMap(rows, cols, 1), pixels, values);
        } catch (IOException e) {
            throw new DataException("cannot read " + imagesName + " / " + labelsName + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean gzipped = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzipped ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in);
    }

    private static int header(DataInputStream in, String name) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataException(name + ": empty or truncated header");
        }
    }

    private static void readFully(DataInputStream in, byte[] target, String name, long expected, long before)
            throws IOException {
        try {
            in.readFully(target);
        } catch (EOFException e) {
            throw new DataException(name + ": truncated: the header promises " + expected
                    + " bytes of data, the file ends after fewer than " + (before + target.length));
        }
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
