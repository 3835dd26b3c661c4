package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.util.Arrays;

/**
 * Labelled images of one shape, stored as their 0-255 pixel values (a byte each, a quarter of floats' memory),
 * channels-first (C, H, W), image after image, as DL4J's convolution input expects; read out scaled to [0, 1].
 */
public final class ImageSet {

    private final FeatureMap shape;
    private final byte[] pixels;
    private final int[] labels;

    /** Images of {@code shape} whose pixel values 0-255 are {@code pixels}, read as unsigned bytes. */
    public ImageSet(FeatureMap shape, byte[] pixels, int[] labels) {
        int size = shape.pixels() * shape.channels();
        if (pixels.length != (long) size * labels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) size * labels.length
                    + " pixel values of shape " + shape + ", got " + pixels.length);
        }
        this.shape = shape;
        this.pixels = pixels;
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

    /** Copies image {@code index}, scaled to [0, 1], into {@code target} at {@code offset}. */
    public void copyImage(int index, float[] target, int offset) {
        int size = shape.pixels() * shape.channels();
        int from = index * size;
        for (int i = 0; i < size; i++) {
            target[offset + i] = (pixels[from + i] & 0xFF) / 255f;
        }
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet subset(int[] indices) {
        int size = shape.pixels() * shape.channels();
        byte[] selected = new byte[indices.length * size];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, selected, i * size, size);
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(shape, selected, selectedLabels);
    }

    /** These images followed by {@code more}, of the same shape. */
    public ImageSet concat(ImageSet more) {
        if (!more.shape.equals(shape)) {
            throw new IllegalArgumentException("images of " + more.shape + " cannot follow images of " + shape);
        }
        byte[] joined = Arrays.copyOf(pixels, pixels.length + more.pixels.length);
        System.arraycopy(more.pixels, 0, joined, pixels.length, more.pixels.length);
        int[] joinedLabels = Arrays.copyOf(labels, labels.length + more.labels.length);
        System.arraycopy(more.labels, 0, joinedLabels, labels.length, more.labels.length);
        return new ImageSet(shape, joined, joinedLabels);
    }

    /** The first {@code count} images. */
    public ImageSet head(int count) {
        int[] indices = new int[Math.min(count, size())];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }
}
