package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in a folder per class ({@code DIR/cat/*.jpg}, {@code DIR/dog/*.png}): PNG, JPEG and BMP of any size and
 * colour model, each fitted to the space's input ({@link ImageFit}). The classes are the subfolders in name order;
 * files are read in name order, so the same folder gives the same images, labels and SHA-256 (over each file's path
 * and bytes) on every machine. Hidden files and files of other types are passed over. Decoded by the JDK's ImageIO,
 * which reads all three formats without a native library.
 */
final class ImageFolders {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");

    private ImageFolders() {
    }

    /** Whether {@code folder} holds class subfolders with images in them. */
    static boolean holdsClasses(Path folder) {
        return subfolders(folder).stream().anyMatch(sub -> !images(sub).isEmpty());
    }

    /** The class subfolders of {@code folder}, in name order; refused unless there are two or more, none empty. */
    static List<String> classes(Path folder) {
        List<Path> classes = subfolders(folder);
        for (Path c : classes) {
            if (images(c).isEmpty()) {
                throw new DataException(c + " has no PNG, JPEG or BMP images: every class folder needs some");
            }
        }
        if (classes.size() < 2) {
            throw new DataException(folder + " has " + (classes.isEmpty() ? "no class folders" : "one class "
                    + "folder (" + classes.get(0).getFileName() + ")") + ": a classifier needs two or more, one "
                    + "folder of images per class");
        }
        return classes.stream().map(c -> c.getFileName().toString()).toList();
    }

    /**
     * The images of each of {@code folders}' class subfolders, labelled by their place in {@code classes}, fitted to
     * {@code shape}, one set per folder in one store; a subfolder that is not among {@code classes} is refused. An
     * image that cannot be decoded is refused, or passed over and its reason listed if {@code skipUnreadable}; a class
     * left without images is refused either way. With a {@code cache} directory, the files are hashed first and
     * their images taken from the cache file of that hash if there is one, else decoded into it; without, they are
     * decoded into the heap.
     */
    static ImageCache.Contents read(List<Path> folders, List<String> classes, FeatureMap shape, Hasher hasher,
                                    boolean skipUnreadable, Optional<Path> cache) {
        List<List<ImageFile>> listed = new ArrayList<>();
        for (Path folder : folders) {
            List<ImageFile> files = new ArrayList<>();
            for (Path sub : subfolders(folder)) {
                int label = classes.indexOf(sub.getFileName().toString());
                if (label < 0) {
                    throw new DataException(sub + " is a class the training images do not have (they have "
                            + String.join(", ", classes) + ")");
                }
                images(sub).forEach(file -> files.add(new ImageFile(file, folder.relativize(file).toString(), label)));
            }
            listed.add(files);
        }
        if (cache.isEmpty()) {
            return decode(listed, shape, hasher, skipUnreadable, new InHeap(shape));
        }
        listed.stream().flatMap(List::stream).forEach(image -> {
            hasher.name(image.name());
            readBytes(image.file(), hasher);
        });
        Path file = ImageCache.file(cache.get(), hasher.peek(), shape, skipUnreadable);
        Optional<ImageCache.Contents> cached = ImageCache.open(file, shape);
        if (cached.isPresent()) {
            return cached.get();
        }
        try (ImageCache.Writer writer = new ImageCache.Writer(file, shape)) {
            return decode(listed, shape, new Hasher(), skipUnreadable, new Cached(writer));
        }
    }

    /** An image file of a class folder, named by its path in the folder read, as the hash takes it. */
    private record ImageFile(Path file, String name, int label) {
    }

    /** Decodes each folder's images into {@code sink}, hashing them as {@link #read} does. */
    private static ImageCache.Contents decode(List<List<ImageFile>> folders, FeatureMap shape, Hasher hasher,
                                              boolean skipUnreadable, Sink sink) {
        List<String> skipped = new ArrayList<>();
        for (List<ImageFile> folder : folders) {
            Map<Integer, Path> unread = new HashMap<>();
            folder.forEach(image -> unread.put(image.label(), image.file().getParent()));
            for (ImageFile image : folder) {
                hasher.name(image.name());
                try {
                    sink.add(ImageFit.fit(decode(image.file(), readBytes(image.file(), hasher)), shape),
                            image.label());
                    unread.remove(image.label());
                } catch (DataException e) {
                    if (!skipUnreadable) {
                        throw e;
                    }
                    skipped.add(e.getMessage());
                }
            }
            if (!unread.isEmpty()) {
                throw new DataException(new TreeMap<>(unread).firstEntry().getValue() + " has no image that can be "
                        + "decoded: every class folder needs some");
            }
            sink.endFolder();
        }
        return sink.finish(skipped);
    }

    /** Where decoded images go: the heap, or a cache file. */
    private interface Sink {
        void add(byte[] image, int label);

        void endFolder();

        ImageCache.Contents finish(List<String> skipped);
    }

    private static final class InHeap implements Sink {

        private final FeatureMap shape;
        private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        private final List<Integer> labels = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();

        InHeap(FeatureMap shape) {
            this.shape = shape;
        }

        @Override
        public void add(byte[] image, int label) {
            pixels.writeBytes(image);
            labels.add(label);
        }

        @Override
        public void endFolder() {
            counts.add(labels.size() - counts.stream().mapToInt(Integer::intValue).sum());
        }

        @Override
        public ImageCache.Contents finish(List<String> skipped) {
            ImageSet all = new ImageSet(shape, pixels.toByteArray(),
                    labels.stream().mapToInt(Integer::intValue).toArray());
            List<ImageSet> folders = new ArrayList<>();
            int from = 0;
            for (int count : counts) {
                folders.add(all.range(from, from + count));
                from += count;
            }
            return new ImageCache.Contents(folders, skipped);
        }
    }

    private record Cached(ImageCache.Writer writer) implements Sink {

        @Override
        public void add(byte[] image, int label) {
            writer.add(image, label);
        }

        @Override
        public void endFolder() {
            writer.endFolder();
        }

        @Override
        public ImageCache.Contents finish(List<String> skipped) {
            return writer.finish(skipped);
        }
    }

    private static byte[] readBytes(Path file, Hasher hasher) {
        try (InputStream in = hasher.wrap(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(Path file, byte[] bytes) {
        try {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(bytes));
            if (picture == null) {
                throw new DataException(file + ": not a PNG, JPEG or BMP image (no decoder recognises its bytes)");
            }
            return picture;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException data) {
                throw data;
            }
            throw new DataException(file + ": a corrupt image (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> subfolders(Path folder) {
        return list(folder).filter(Files::isDirectory).toList();
    }

    private static List<Path> images(Path folder) {
        return list(folder).filter(Files::isRegularFile).filter(file -> {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1));
        }).toList();
    }

    /** The visible entries of {@code folder}, in name order. */
    private static Stream<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList().stream();
        } catch (IOException e) {
            throw new DataException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
