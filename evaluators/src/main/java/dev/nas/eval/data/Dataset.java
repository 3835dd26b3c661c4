package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The training images of a study, where they came from and a hash of what was read. Test images are never used by
 * a search; they are only read where a final model is scored, through {@link #embeddedTest()} and
 * {@link #loadTest(Path, FeatureMap)}, whose {@code train} holds the test images.
 *
 * <pre>{@code
 * Dataset data = Dataset.embedded();                       // bundled Fashion-MNIST subset
 * Dataset full = Dataset.load(Path.of("/usr/share/datasets/fashion-mnist"), shape);
 * }</pre>
 */
public record Dataset(ImageSet train, String description, String sha256) {

    private static final String EMBEDDED = "/dev/nas/eval/data/fashion-mnist/";
    private static final List<String> IDX_SUFFIXES = List.of(".gz", "");

    /** The Fashion-MNIST subset shipped in the jar: 10,000 training images, 1,000 per class. */
    public static Dataset embedded() {
        return embedded("train", "training");
    }

    /** The test images shipped with the embedded subset: 2,000, 200 per class. Only for scoring a final model. */
    public static Dataset embeddedTest() {
        return embedded("t10k", "test");
    }

    private static Dataset embedded(String prefix, String kind) {
        Hasher hasher = new Hasher();
        ImageSet images = Idx.read(hasher.wrap(resource(prefix + "-images-idx3-ubyte.gz")), "embedded " + kind
                + " images", hasher.wrap(resource(prefix + "-labels-idx1-ubyte.gz")), "embedded " + kind + " labels");
        return new Dataset(images, "embedded Fashion-MNIST subset (" + images.size() + " " + kind + " images)",
                hasher.hex());
    }

    /**
     * Training images from {@code path}: a directory of IDX files ({@code train-images-idx3-ubyte} and
     * {@code train-labels-idx1-ubyte}, gzipped or not) or a CSV file of images of shape {@code shape}.
     */
    public static Dataset load(Path path, FeatureMap shape) {
        return load(path, shape, "train", "training");
    }

    /**
     * Test images from {@code path}: a directory of IDX files ({@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, as MNIST ships them beside the training files) or a CSV file. Only for scoring a
     * final model.
     */
    public static Dataset loadTest(Path path, FeatureMap shape) {
        return load(path, shape, "t10k", "test");
    }

    private static Dataset load(Path path, FeatureMap shape, String prefix, String kind) {
        if (Files.isDirectory(path)) {
            Path images = idxFile(path, prefix + "-images-idx3-ubyte");
            Path labels = idxFile(path, prefix + "-labels-idx1-ubyte");
            Hasher hasher = new Hasher();
            try (InputStream i = hasher.wrap(Files.newInputStream(images));
                 InputStream l = hasher.wrap(Files.newInputStream(labels))) {
                ImageSet train = Idx.read(i, images.toString(), l, labels.toString());
                return new Dataset(train, "IDX " + path + " (" + train.size() + " " + kind + " images)", hasher.hex());
            } catch (IOException e) {
                throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (Files.isRegularFile(path) && path.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            Hasher hasher = new Hasher();
            try (InputStreamReader reader = new InputStreamReader(hasher.wrap(Files.newInputStream(path)),
                    StandardCharsets.UTF_8)) {
                ImageSet train = CsvImages.read(reader, path.toString(), shape);
                return new Dataset(train, "CSV " + path + " (" + train.size() + " " + kind + " images)", hasher.hex());
            } catch (IOException e) {
                throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        throw new DataException(path + " is neither a directory of IDX files nor a .csv file"
                + (Files.exists(path) ? "" : " (it does not exist)"));
    }

    private static Path idxFile(Path directory, String stem) {
        for (String suffix : IDX_SUFFIXES) {
            Path file = directory.resolve(stem + suffix);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DataException(directory + " has no " + stem + " or " + stem + ".gz");
    }

    private static InputStream resource(String name) {
        return Optional.ofNullable(Dataset.class.getResourceAsStream(EMBEDDED + name))
                .orElseThrow(() -> new DataException("the embedded data file " + name + " is missing from the jar"));
    }

    /** SHA-256 over every byte read through the streams it wrapped, in order. */
    private static final class Hasher {

        private final MessageDigest digest;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        InputStream wrap(InputStream in) {
            return new DigestInputStream(in, digest);
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Checks the images fit a space's input and class count; throws saying what differs. */
    public Dataset checkFits(FeatureMap input, int classes) {
        if (!train.shape().equals(input)) {
            throw new DataException(description + " holds " + train.shape() + " images; the space expects "
                    + input);
        }
        if (train.classes() > classes) {
            throw new DataException(description + " has labels up to " + (train.classes() - 1)
                    + "; the space has " + classes + " classes");
        }
        return this;
    }
}
