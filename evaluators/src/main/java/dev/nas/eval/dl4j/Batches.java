package dev.nas.eval.dl4j;

import dev.nas.eval.data.ImageSet;
import dev.nas.space.FeatureMap;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images cut into DL4J mini-batches once and kept for every epoch and every trial with the same batch size; each
 * epoch visits them in a fresh order, so no copying happens while training.
 */
public final class Batches {

    private Batches() {
    }

    /** Mini-batches of {@code size} images with one-hot labels over {@code classes}; the last may be smaller. */
    static List<DataSet> of(ImageSet images, int size, int classes) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < images.size(); start += size) {
            int count = Math.min(size, images.size() - start);
            batches.add(new DataSet(features(images, start, count), oneHot(images, start, count, classes)));
        }
        return batches;
    }

    /** Images {@code start} to {@code start + count} as one NCHW feature array, as every network here takes them. */
    public static INDArray features(ImageSet images, int start, int count) {
        FeatureMap shape = images.shape();
        int size = shape.pixels() * shape.channels();
        float[] data = new float[count * size];
        for (int i = 0; i < count; i++) {
            images.copyImage(start + i, data, i * size);
        }
        return Nd4j.create(data, new long[] {count, shape.channels(), shape.height(), shape.width()}, 'c');
    }

    private static INDArray oneHot(ImageSet images, int start, int count, int classes) {
        float[] labels = new float[count * classes];
        for (int i = 0; i < count; i++) {
            labels[i * classes + images.label(start + i)] = 1f;
        }
        return Nd4j.create(labels, new long[] {count, classes}, 'c').castTo(DataType.FLOAT);
    }
}
