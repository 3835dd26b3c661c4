package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decoded images kept in a file so that a folder of photos is decoded once, not by every run, resume, worker and
 * export, and so that images larger than memory are read through the operating system's page cache instead of the
 * heap. A cache file is named by the SHA-256 of the files it was decoded from and the shape they were fitted to, so a
 * changed folder gets a new file and several studies of the same images share one.
 *
 * <p>Layout: the magic {@code NASIMG01}, height, width and channels; the pixel values, image after image, one byte
 * each; then the labels, the number of images of each folder read, the images passed over with their reasons, and
 * last the trailer's offset. The file is written under a temporary name and moved into place, so a cache file is
 * always complete.
 */
final class ImageCache {

    private static final byte[] MAGIC = "NASIMG01".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 3 * Integer.BYTES;
    /** Largest mapping: {@link MappedByteBuffer} indexes with an int. */
    private static final long CHUNK = 1L << 30;

    /** What a cache file holds: images in one {@link Pixels}, one set per folder read, and what was skipped. */
    record Contents(List<ImageSet> folders, List<String> skipped) {
    }

    private ImageCache() {
    }

    /** The cache file for images hashing to {@code sha256}, fitted to {@code shape}, in {@code directory}. */
    static Path file(Path directory, String sha256, FeatureMap shape, boolean skipUnreadable) {
        return directory.resolve(sha256 + "-" + shape.height() + "x" + shape.width() + "x" + shape.channels()
                + (skipUnreadable ? "-skipping" : "") + ".images");
    }

    /** The images of a cache file, mapped; empty if there is none, or it is unreadable and will be written again. */
    static Optional<Contents> open(Path file, FeatureMap shape) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            channel.read(header, 0);
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            if (!Arrays.equals(magic, MAGIC) || header.getInt() != shape.height() || header.getInt() != shape.width()
                    || header.getInt() != shape.channels() || length < HEADER + Long.BYTES) {
                return Optional.empty();
            }
            ByteBuffer end = ByteBuffer.allocate(Long.BYTES);
            channel.read(end, length - Long.BYTES);
            long trailer = end.flip().getLong();
            ByteBuffer rest = ByteBuffer.allocate((int) (length - Long.BYTES - trailer));
            channel.read(rest, trailer);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(rest.array()));
            int[] labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readInt();
            }
            int[] counts = new int[in.readInt()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = in.readInt();
            }
            List<String> skipped = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                skipped.add(in.readUTF());
            }
            int size = ImageSet.imageSize(shape);
            if (trailer != HEADER + (long) size * labels.length) {
                return Optional.empty();
            }
            ImageSet all = new ImageSet(shape, map(channel, labels.length, size), labels);
            List<ImageSet> folders = new ArrayList<>();
            int from = 0;
            for (int count : counts) {
                folders.add(all.range(from, from + count));
                from += count;
            }
            return Optional.of(new Contents(folders, skipped));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Pixels map(FileChannel channel, int images, int size) throws IOException {
        int perChunk = (int) Math.max(1, CHUNK / size);
        List<MappedByteBuffer> chunks = new ArrayList<>();
        for (int first = 0; first < images; first += perChunk) {
            int count = Math.min(perChunk, images - first);
            chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, HEADER + (long) first * size, (long) count * size));
        }
        return new Pixels.Mapped(chunks, perChunk);
    }

    /** Writes a cache file image by image: {@link #add} each, {@link #endFolder} after each folder, then finish. */
    static final class Writer implements AutoCloseable {

        private final Path file;
        private final Path partial;
        private final FeatureMap shape;
        private final DataOutputStream out;
        private final List<Integer> labels = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private int inFolder;

        Writer(Path file, FeatureMap shape) {
            this.file = file;
            this.shape = shape;
            try {
                Files.createDirectories(file.getParent());
                this.partial = Files.createTempFile(file.getParent(), ".partial", ".images");
                OutputStream stream = Files.newOutputStream(partial);
                this.out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 20));
                out.write(MAGIC);
                out.writeInt(shape.height());
                out.writeInt(shape.width());
                out.writeInt(shape.channels());
            } catch (IOException e) {
                throw new DataException("cannot write the image cache in " + file.getParent() + ": "
                        + e.getMessage(), e);
            }
        }

        void add(byte[] image, int label) {
            write(() -> out.write(image));
            labels.add(label);
            inFolder++;
        }

        void endFolder() {
            counts.add(inFolder);
            inFolder = 0;
        }

        /** Completes the file, moves it into place and maps it. */
        Contents finish(List<String> skipped) {
            write(() -> {
                long trailer = HEADER + (long) ImageSet.imageSize(shape) * labels.size();
                out.writeInt(labels.size());
                for (int label : labels) {
                    out.writeInt(label);
                }
                out.writeInt(counts.size());
                for (int count : counts) {
                    out.writeInt(count);
                }
                out.writeInt(skipped.size());
                for (String reason : skipped) {
                    out.writeUTF(reason);
                }
                out.writeLong(trailer);
                out.close();
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            });
            return open(file, shape).orElseThrow(() -> new DataException("the image cache " + file
                    + " just written cannot be read back"));
        }

        /** Deletes what was written, unless it was finished. */
        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new DataException("cannot remove " + partial + ": " + e.getMessage(), e);
            }
        }

        private void write(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new DataException("cannot write the image cache " + partial + ": " + e.getMessage(), e);
            }
        }

        private interface IoStep {
            void run() throws IOException;
        }
    }
}
