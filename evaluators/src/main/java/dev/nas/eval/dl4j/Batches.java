package dev.nas.eval.dl4j;

import dev.nas.eval.data.ImageSet;
import dev.nas.space.FeatureMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches made on a thread of their own, {@code ahead} of the trainer, so that it does not wait while pixels
 * are read (from the heap or a cache file), scaled and augmented. Batch {@code b} of a set holds its images
 * {@code b * size} onwards, the same in every epoch; an epoch visits them in the order it is given. Only the batches
 * in flight are in memory: a data set of any size takes {@code ahead} batches beside the network.
 *
 * <p>The loader thread makes plain float arrays only; ND4J arrays are made from them on the thread that trains (a
 * copy off the heap), so no ND4J buffer is created on one thread and computed with on another.
 */
public final class Batches {

    /** Batches made ahead of the trainer by default: enough to hide a slow read, few enough to be small. */
    public static final int AHEAD = 4;

    private final int ahead;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread loader = new Thread(task, "nas-batch-loader");
        loader.setDaemon(true);
        return loader;
    });

    /** A loader keeping {@code ahead} batches ready. */
    public Batches(int ahead) {
        if (ahead < 1) {
            throw new IllegalArgumentException("batches ahead must be at least 1, got " + ahead);
        }
        this.ahead = ahead;
    }

    /** What happens to a batch's features before it is served: augmentation. Runs in the batches' order. */
    public interface Transform {
        void apply(float[] features, int count);
    }

    /**
     * The batches of {@code size} images of {@code images} in {@code order}, with one-hot labels over
     * {@code classes}, each transformed by {@code transform} in that order. Close it to drop what was made ahead.
     */
    public Epoch epoch(ImageSet images, int size, int classes, int[] order, Transform transform) {
        return new Epoch(images, size, classes, order, transform);
    }

    /** Every batch of {@code size} images in order, as they are: what validation reads. */
    public Epoch inOrder(ImageSet images, int size, int classes) {
        int[] order = new int[count(images, size)];
        java.util.Arrays.setAll(order, i -> i);
        return epoch(images, size, classes, order, (features, n) -> { });
    }

    /** How many batches of {@code size} {@code images} make; the last may be smaller. */
    public static int count(ImageSet images, int size) {
        return (images.size() + size - 1) / size;
    }

    /** One pass over batches, made ahead on the loader's thread. */
    public final class Epoch implements Iterator<DataSet>, AutoCloseable {

        private final ImageSet images;
        private final int size;
        private final int classes;
        private final int[] order;
        private final Transform transform;
        private final Deque<Future<Prepared>> pending = new ArrayDeque<>();
        private int submitted;

        private Epoch(ImageSet images, int size, int classes, int[] order, Transform transform) {
            this.images = images;
            this.size = size;
            this.classes = classes;
            this.order = order;
            this.transform = transform;
            while (pending.size() < ahead && submitted < order.length) {
                submit();
            }
        }

        /** Number of batches in this pass. */
        public int batches() {
            return order.length;
        }

        @Override
        public boolean hasNext() {
            return !pending.isEmpty();
        }

        @Override
        public DataSet next() {
            if (pending.isEmpty()) {
                throw new NoSuchElementException();
            }
            Future<Prepared> next = pending.poll();
            if (submitted < order.length) {
                submit();
            }
            try {
                Prepared batch = next.get();
                FeatureMap shape = images.shape();
                return new DataSet(Nd4j.create(batch.features(), new long[] {batch.count(), shape.channels(),
                        shape.height(), shape.width()}, 'c'), Nd4j.create(batch.labels(), new long[] {batch.count(),
                        classes}, 'c').castTo(DataType.FLOAT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        private void submit() {
            int start = order[submitted++] * size;
            int count = Math.min(size, images.size() - start);
            pending.add(thread.submit(() -> {
                FeatureMap shape = images.shape();
                float[] features = new float[count * shape.pixels() * shape.channels()];
                fill(images, start, count, features);
                transform.apply(features, count);
                float[] labels = new float[count * classes];
                for (int i = 0; i < count; i++) {
                    labels[i * classes + images.label(start + i)] = 1f;
                }
                return new Prepared(features, labels, count);
            }));
        }

        @Override
        public void close() {
            pending.forEach(batch -> batch.cancel(false));
            pending.clear();
        }
    }

    /** A batch as the loader thread leaves it: NCHW pixel values and one-hot labels of {@code count} images. */
    private record Prepared(float[] features, float[] labels, int count) {
    }

    /** Images {@code start} to {@code start + count} as one NCHW feature array, as every network here takes them. */
    public static INDArray features(ImageSet images, int start, int count) {
        FeatureMap shape = images.shape();
        float[] data = new float[count * shape.pixels() * shape.channels()];
        fill(images, start, count, data);
        return Nd4j.create(data, new long[] {count, shape.channels(), shape.height(), shape.width()}, 'c');
    }

    private static void fill(ImageSet images, int start, int count, float[] data) {
        FeatureMap shape = images.shape();
        int size = shape.pixels() * shape.channels();
        for (int i = 0; i < count; i++) {
            images.copyImage(start + i, data, i * size);
        }
    }
}
