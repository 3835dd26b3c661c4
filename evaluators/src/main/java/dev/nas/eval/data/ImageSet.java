package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.util.Arrays;

/**
 * Labelled images of one shape, pixels scaled to [0, 1] and stored channels-first (C, H, W), image after image,
 * as DL4J's convolution input expects.
 */
public final class ImageSet {

    private final FeatureMap shape;
    private final float[] pixels;
    private final int[] labels;

    public ImageSet(FeatureMap shape, float[] pixels, int[] labels) {
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

    /** Copies image {@code index} into {@code target} at {@code offset}. */
    public void copyImage(int index, float[] target, int offset) {
        int size = shape.pixels() * shape.channels();
        System.arraycopy(pixels, index * size, target, offset, size);
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet subset(int[] indices) {
        int size = shape.pixels() * shape.channels();
        float[] selected = new float[indices.length * size];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            copyImage(indices[i], selected, i * size);
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(shape, selected, selectedLabels);
    }

    /** The first {@code count} images. */
    public ImageSet head(int count) {
        int[] indices = new int[Math.min(count, size())];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }
}
