package dev.nas.eval.data;

import dev.nas.core.study.ChannelStats;
import dev.nas.space.FeatureMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled images of one shape, kept as their 0-255 pixel values (a byte each, a quarter of floats' memory),
 * channels-first (C, H, W), as DL4J's convolution input expects; read out scaled to [0, 1]. A subset, a split or a
 * concatenation of images in the same {@link Pixels} is a view that copies no pixels, so a data set cached on disk
 * stays there however it is divided.
 */
public final class ImageSet {

    private final FeatureMap shape;
    private final Pixels pixels;
    /** Which stored images this set holds, in its order. */
    private final int[] rows;
    private final int[] labels;

    /** Images of {@code shape} whose pixel values 0-255 are {@code pixels}, read as unsigned bytes. */
    public ImageSet(FeatureMap shape, byte[] pixels, int[] labels) {
        this(shape, new Pixels.Heap(pixels), labels);
        long needed = (long) imageSize(shape) * labels.length;
        if (pixels.length != needed) {
            throw new IllegalArgumentException(labels.length + " labels need " + needed + " pixel values of shape "
                    + shape + ", got " + pixels.length);
        }
    }

    /** Every image of {@code pixels}, in its order. */
    ImageSet(FeatureMap shape, Pixels pixels, int[] labels) {
        this(shape, pixels, identity(labels.length), labels);
    }

    ImageSet(FeatureMap shape, Pixels pixels, int[] rows, int[] labels) {
        this.shape = shape;
        this.pixels = pixels;
        this.rows = rows;
        this.labels = labels;
    }

    public FeatureMap shape() {
        return shape;
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Number of classes: one more than the largest label. */
    public int classes() {
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** Whether the images are read from a cache file rather than held in the heap. */
    public boolean cached() {
        return pixels instanceof Pixels.Mapped;
    }

    /** Each channel's mean and standard deviation over these images, pixels scaled to [0, 1]. */
    public ChannelStats channelStats() {
        int channels = shape.channels();
        int plane = shape.pixels();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        float[] image = new float[channels * plane];
        for (int i = 0; i < size(); i++) {
            copyImage(i, image, 0);
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double q = 0;
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    double v = image[p];
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                squares[c] += q;
            }
        }
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        double n = (double) size() * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double deviation = Math.sqrt(Math.max(0, squares[c] / n - m * m));
            mean.add(m);
            // A channel of one value everywhere is only shifted: there is no spread to divide by.
            std.add(deviation > 1e-6 ? deviation : 1.0);
        }
        return new ChannelStats(mean, std);
    }

    /** Copies image {@code index}, scaled to [0, 1], into {@code target} at {@code offset}. */
    public void copyImage(int index, float[] target, int offset) {
        pixels.copy(rows[index], imageSize(shape), target, offset);
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet subset(int[] indices) {
        int[] selectedRows = new int[indices.length];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selectedRows[i] = rows[indices[i]];
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(shape, pixels, selectedRows, selectedLabels);
    }

    /** These images followed by {@code more}, of the same shape. */
    public ImageSet concat(ImageSet more) {
        if (!more.shape.equals(shape)) {
            throw new IllegalArgumentException("images of " + more.shape + " cannot follow images of " + shape);
        }
        int[] joinedLabels = join(labels, more.labels);
        if (more.pixels == pixels) {
            return new ImageSet(shape, pixels, join(rows, more.rows), joinedLabels);
        }
        int size = imageSize(shape);
        byte[] joined = new byte[Math.multiplyExact(size, joinedLabels.length)];
        for (int i = 0; i < size(); i++) {
            pixels.copyBytes(rows[i], size, joined, i * size);
        }
        for (int i = 0; i < more.size(); i++) {
            more.pixels.copyBytes(more.rows[i], size, joined, (size() + i) * size);
        }
        return new ImageSet(shape, joined, joinedLabels);
    }

    /** The first {@code count} images. */
    public ImageSet head(int count) {
        return range(0, Math.min(count, size()));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    ImageSet range(int from, int to) {
        return new ImageSet(shape, pixels, Arrays.copyOfRange(rows, from, to), Arrays.copyOfRange(labels, from, to));
    }

    static int imageSize(FeatureMap shape) {
        return shape.pixels() * shape.channels();
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static int[] join(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
