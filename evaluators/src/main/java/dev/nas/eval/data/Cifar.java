package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CIFAR-10 and CIFAR-100 in their binary form (https://www.cs.toronto.edu/~kriz/cifar.html): records of a label byte
 * (CIFAR-100: a coarse and a fine label byte, of which the fine one is used) and 3,072 pixel bytes, the red, green and
 * blue planes of a 32x32 image. CIFAR-10's training batches are {@code data_batch_1.bin} to {@code data_batch_5.bin}
 * and its test batch {@code test_batch.bin}; CIFAR-100's are {@code train.bin} and {@code test.bin}. Class names come
 * from {@code batches.meta.txt} or {@code fine_label_names.txt} where present. Images are fitted to a space whose
 * input is not 32x32x3 as any picture is ({@link ImageFit}).
 */
final class Cifar {

    private static final FeatureMap CIFAR = new FeatureMap(32, 32, 3);

    /** The two layouts. */
    enum Kind {
        CIFAR10("CIFAR-10", 1, 10, "batches.meta.txt"),
        CIFAR100("CIFAR-100", 2, 100, "fine_label_names.txt");

        private final String title;
        private final int labelBytes;
        private final int classes;
        private final String names;

        Kind(String title, int labelBytes, int classes, String names) {
            this.title = title;
            this.labelBytes = labelBytes;
            this.classes = classes;
            this.names = names;
        }

        String title() {
            return title;
        }

        int recordBytes() {
            return labelBytes + CIFAR.channels() * CIFAR.pixels();
        }
    }

    private Cifar() {
    }

    /** Which CIFAR {@code folder} holds, if any: CIFAR-10's batches or CIFAR-100's train and test files. */
    static Optional<Kind> detect(Path folder) {
        if (!batches(folder).isEmpty() || Files.isRegularFile(folder.resolve("test_batch.bin"))) {
            return Optional.of(Kind.CIFAR10);
        }
        if (Files.isRegularFile(folder.resolve("train.bin")) || Files.isRegularFile(folder.resolve("test.bin"))) {
            return Optional.of(Kind.CIFAR100);
        }
        return Optional.empty();
    }

    /** The training files ({@code test} false) or the test file of {@code kind} in {@code folder}; refused if none. */
    static List<Path> files(Path folder, Kind kind, boolean test) {
        List<Path> files = test ? List.of(folder.resolve(kind == Kind.CIFAR10 ? "test_batch.bin" : "test.bin"))
                : kind == Kind.CIFAR10 ? batches(folder) : List.of(folder.resolve("train.bin"));
        if (files.isEmpty() || !Files.isRegularFile(files.get(0))) {
            throw new DataException(folder + " holds " + kind.title() + " files but not its " + (test ? "test" :
                    "training") + " images (" + (kind == Kind.CIFAR10 ? test ? "test_batch.bin" : "data_batch_N.bin"
                    : test ? "test.bin" : "train.bin") + ")");
        }
        return files;
    }

    /** The class names in {@code folder}'s names file, one a line; empty where there is none. */
    static List<String> classNames(Path folder, Kind kind) {
        Path names = folder.resolve(kind.names);
        if (!Files.isRegularFile(names)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(names, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            if (lines.size() != kind.classes) {
                throw new DataException(names + " names " + lines.size() + " classes; " + kind.title() + " has "
                        + kind.classes);
            }
            return lines;
        } catch (IOException e) {
            throw new DataException("cannot read " + names + ": " + e.getMessage(), e);
        }
    }

    /** The records of {@code files}, in order, fitted to {@code shape}. */
    static ImageSet read(List<Path> files, Kind kind, FeatureMap shape, Hasher hasher) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        int record = kind.recordBytes();
        for (Path file : files) {
            byte[] bytes;
            try (InputStream in = hasher.wrap(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (bytes.length == 0 || bytes.length % record != 0) {
                throw new DataException(file + " is " + bytes.length + " bytes, not a whole number of "
                        + kind.title() + " records (" + record + " bytes each: " + (kind.labelBytes == 1 ? "a label"
                        : "a coarse and a fine label") + " and 32x32x3 pixels)");
            }
            for (int at = 0; at < bytes.length; at += record) {
                int label = bytes[at + kind.labelBytes - 1] & 0xFF;
                if (label >= kind.classes) {
                    throw new DataException(file + ": record " + (at / record + 1) + " has label " + label + "; "
                            + kind.title() + " labels are 0 to " + (kind.classes - 1));
                }
                labels.add(label);
                int start = at + kind.labelBytes;
                pixels.writeBytes(shape.equals(CIFAR) ? Arrays.copyOfRange(bytes, start, start + record
                        - kind.labelBytes) : ImageFit.fit(picture(bytes, start), shape));
            }
        }
        return new ImageSet(shape, pixels.toByteArray(), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static BufferedImage picture(byte[] bytes, int start) {
        int plane = CIFAR.pixels();
        BufferedImage picture = new BufferedImage(CIFAR.width(), CIFAR.height(), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < plane; i++) {
            int r = bytes[start + i] & 0xFF;
            int g = bytes[start + plane + i] & 0xFF;
            int b = bytes[start + 2 * plane + i] & 0xFF;
            picture.setRGB(i % CIFAR.width(), i / CIFAR.width(), (r << 16) | (g << 8) | b);
        }
        return picture;
    }

    /** {@code data_batch_N.bin} in {@code folder}, in order of N. */
    private static List<Path> batches(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().matches("data_batch_\\d+\\.bin"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static int number(Path batch) {
        return Integer.parseInt(batch.getFileName().toString().replaceAll("\\D", ""));
    }
}
