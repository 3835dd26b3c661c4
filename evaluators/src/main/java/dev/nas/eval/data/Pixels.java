package dev.nas.eval.data;

import java.nio.MappedByteBuffer;
import java.util.List;

/**
 * Where images' 0-255 pixel values are kept, one byte each, image after image: a byte array in the heap, or a cache
 * file mapped into memory, which the operating system pages in and out so that the heap holds none of it.
 */
sealed interface Pixels permits Pixels.Heap, Pixels.Mapped {

    /** Copies the {@code size} values of stored image {@code image}, scaled to [0, 1], into {@code target}. */
    void copy(int image, int size, float[] target, int offset);

    /** Copies the {@code size} values of stored image {@code image} as they are into {@code target}. */
    void copyBytes(int image, int size, byte[] target, int offset);

    record Heap(byte[] values) implements Pixels {

        @Override
        public void copy(int image, int size, float[] target, int offset) {
            int from = image * size;
            for (int i = 0; i < size; i++) {
                target[offset + i] = (values[from + i] & 0xFF) / 255f;
            }
        }

        @Override
        public void copyBytes(int image, int size, byte[] target, int offset) {
            System.arraycopy(values, image * size, target, offset, size);
        }
    }

    /**
     * A file's images mapped in chunks of {@code perChunk} whole images (a mapping holds at most 2 GB). Reads are
     * absolute, so loader threads may read at once.
     */
    record Mapped(List<MappedByteBuffer> chunks, int perChunk) implements Pixels {

        /** Each reading thread's buffer for one image's bytes. */
        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

        @Override
        public void copy(int image, int size, float[] target, int offset) {
            byte[] values = BUFFER.get();
            if (values.length < size) {
                values = new byte[size];
                BUFFER.set(values);
            }
            copyBytes(image, size, values, 0);
            for (int i = 0; i < size; i++) {
                target[offset + i] = (values[i] & 0xFF) / 255f;
            }
        }

        @Override
        public void copyBytes(int image, int size, byte[] target, int offset) {
            chunks.get(image / perChunk).get((image % perChunk) * size, target, offset, size);
        }
    }
}
