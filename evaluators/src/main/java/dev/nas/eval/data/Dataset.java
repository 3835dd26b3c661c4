package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The training images of a study, where they came from and a hash of what was read: IDX files, a CSV file, CIFAR-10 or
 * CIFAR-100 binary batches, or a folder of images per class. Test images are never used by a search; they are only
 * read where a final model is scored, through {@link #embeddedTest()} and {@link #loadTest(Path, FeatureMap)}, whose
 * {@code train} holds the test images.
 *
 * <pre>{@code
 * Dataset data = Dataset.embedded();                       // bundled Fashion-MNIST subset
 * Dataset full = Dataset.load(Path.of("/usr/share/datasets/fashion-mnist"), shape);
 * Split split = full.split(0.2, seed);                     // its own val/ folder, or stratified
 * }</pre>
 *
 * @param validation the images the data set holds out for validation itself (an image folder's {@code val/}); else
 *                   empty, and {@link #split} holds out a share of {@code train}
 * @param classNames the classes' names in label order, where the format names them; else empty
 * @param skipped    the images passed over because they could not be decoded, each with its file and reason, where
 *                   that was asked for
 */
public record Dataset(ImageSet train, Optional<ImageSet> validation, List<String> classNames, String description,
                      String sha256, List<String> skipped) {

    private static final String EMBEDDED = "/dev/nas/eval/data/fashion-mnist/";
    private static final List<String> IDX_SUFFIXES = List.of(".gz", "");
    private static final List<String> VALIDATION_FOLDERS = List.of("val", "validation");

    public Dataset {
        classNames = List.copyOf(classNames);
        skipped = List.copyOf(skipped);
    }

    /** Images with a share to be split off for validation and no class names. */
    public Dataset(ImageSet train, String description, String sha256) {
        this(train, Optional.empty(), List.of(), description, sha256, List.of());
    }

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
     * How images are read.
     *
     * @param skipUnreadable whether images of a folder that cannot be decoded are passed over and listed in
     *                       {@link #skipped()} instead of refusing the data
     * @param cache          where a folder's images are decoded to once and read from after (see {@link ImageCache});
     *                       without, they are decoded into the heap each time
     */
    public record Reading(boolean skipUnreadable, Optional<Path> cache) {

        /** Refusing unreadable images, decoding into the heap. */
        public static final Reading PLAIN = new Reading(false, Optional.empty());
    }

    /**
     * Training images from {@code path}, of shape {@code shape}: a directory of IDX files
     * ({@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}, gzipped or not), of CIFAR-10 or
     * CIFAR-100 binary batches, or of one folder of images per class (or {@code train/} and {@code val/} folders of
     * them), or a CSV file.
     */
    public static Dataset load(Path path, FeatureMap shape, Reading reading) {
        return load(path, shape, false, reading);
    }

    /** As {@link #load(Path, FeatureMap, Reading)}, refusing unreadable images and decoding into the heap. */
    public static Dataset load(Path path, FeatureMap shape) {
        return load(path, shape, Reading.PLAIN);
    }

    /**
     * Test images from {@code path}: IDX files {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} (as
     * MNIST ships them beside the training files), CIFAR's test batch, an image folder's {@code test/} folder, or a
     * CSV file. Only for scoring a final model.
     */
    public static Dataset loadTest(Path path, FeatureMap shape, Reading reading) {
        return load(path, shape, true, reading);
    }

    /** As {@link #loadTest(Path, FeatureMap, Reading)}, refusing unreadable images and decoding into the heap. */
    public static Dataset loadTest(Path path, FeatureMap shape) {
        return loadTest(path, shape, Reading.PLAIN);
    }

    /** The images candidates train on and are scored on: the data set's own validation images, or a share. */
    public Split split(double validationFraction, long seed) {
        return validation.map(held -> new Split(train, held))
                .orElseGet(() -> Split.stratified(train, validationFraction, seed));
    }

    /** Every image of the data set, its own validation images included: what a final model is retrained on. */
    public ImageSet all() {
        return validation.map(train::concat).orElse(train);
    }

    private static Dataset load(Path path, FeatureMap shape, boolean test, Reading reading) {
        String kind = test ? "test" : "training";
        if (Files.isDirectory(path)) {
            String prefix = test ? "t10k" : "train";
            if (IDX_SUFFIXES.stream().anyMatch(s -> Files.isRegularFile(path.resolve(prefix + "-images-idx3-ubyte"
                    + s)))) {
                return idx(path, prefix, kind);
            }
            Optional<Cifar.Kind> cifar = Cifar.detect(path);
            if (cifar.isPresent()) {
                Hasher hasher = new Hasher();
                ImageSet images = Cifar.read(Cifar.files(path, cifar.get(), test), cifar.get(), shape, hasher);
                return new Dataset(images, Optional.empty(), Cifar.classNames(path, cifar.get()), cifar.get().title()
                        + " " + path + " (" + images.size() + " " + kind + " images)", hasher.hex(), List.of());
            }
            if (Files.isDirectory(path.resolve("train")) && ImageFolders.holdsClasses(path.resolve("train"))) {
                return folders(path, shape, test, reading);
            }
            if (ImageFolders.holdsClasses(path)) {
                if (test) {
                    throw new DataException(path + " is a folder of class folders with no test/ folder of test "
                            + "images");
                }
                Hasher hasher = new Hasher();
                List<String> classes = ImageFolders.classes(path);
                ImageCache.Contents read = ImageFolders.read(List.of(path), classes, shape, hasher,
                        reading.skipUnreadable(), reading.cache());
                ImageSet images = read.folders().get(0);
                return new Dataset(images, Optional.empty(), classes, "image folders " + path + " (" + images.size()
                        + " training images, " + classes.size() + " classes" + skips(read) + ")", hasher.hex(),
                        read.skipped());
            }
            throw new DataException(path + " holds no " + prefix + "-images-idx3-ubyte, no CIFAR batches and no "
                    + "class folders of PNG, JPEG or BMP images");
        }
        if (Files.isRegularFile(path) && path.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            Hasher hasher = new Hasher();
            try (InputStreamReader reader = new InputStreamReader(hasher.wrap(Files.newInputStream(path)),
                    StandardCharsets.UTF_8)) {
                ImageSet images = CsvImages.read(reader, path.toString(), shape);
                return new Dataset(images, "CSV " + path + " (" + images.size() + " " + kind + " images)",
                        hasher.hex());
            } catch (IOException e) {
                throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        throw new DataException(path + " is neither a directory of images (IDX, CIFAR or class folders) nor a .csv "
                + "file" + (Files.exists(path) ? "" : " (it does not exist)"));
    }

    private static Dataset idx(Path path, String prefix, String kind) {
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

    /** {@code path/train} with {@code path/val} as its validation images, or {@code path/test}. */
    private static Dataset folders(Path path, FeatureMap shape, boolean test, Reading reading) {
        Hasher hasher = new Hasher();
        List<String> classes = ImageFolders.classes(path.resolve("train"));
        if (test) {
            Path folder = path.resolve("test");
            if (!Files.isDirectory(folder)) {
                throw new DataException(path + " has train/ but no test/ folder of test images");
            }
            ImageCache.Contents read = ImageFolders.read(List.of(folder), classes, shape, hasher,
                    reading.skipUnreadable(), reading.cache());
            ImageSet images = read.folders().get(0);
            return new Dataset(images, Optional.empty(), classes, "image folders " + folder + " (" + images.size()
                    + " test images, " + classes.size() + " classes" + skips(read) + ")", hasher.hex(),
                    read.skipped());
        }
        Optional<Path> held = VALIDATION_FOLDERS.stream().map(path::resolve).filter(Files::isDirectory).findFirst();
        List<Path> folders = new ArrayList<>(List.of(path.resolve("train")));
        held.ifPresent(folders::add);
        // Read together, so that training and validation images share one store (one cache file).
        ImageCache.Contents read = ImageFolders.read(folders, classes, shape, hasher, reading.skipUnreadable(),
                reading.cache());
        ImageSet train = read.folders().get(0);
        Optional<ImageSet> validation = held.map(folder -> read.folders().get(1));
        return new Dataset(train, validation, classes, "image folders " + path + " (" + train.size() + " training"
                + validation.map(v -> " and " + v.size() + " validation").orElse("") + " images, " + classes.size()
                + " classes" + skips(read) + ")", hasher.hex(), read.skipped());
    }

    private static String skips(ImageCache.Contents read) {
        return read.skipped().isEmpty() ? "" : ", " + read.skipped().size() + " unreadable images skipped";
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
