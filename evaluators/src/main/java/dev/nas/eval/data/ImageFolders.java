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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
     * The images of {@code folder}'s class subfolders, labelled by their place in {@code classes}, fitted to
     * {@code shape}; a subfolder that is not among {@code classes} is refused. An image that cannot be decoded is
     * refused, or passed over and its reason added to {@code skipped} if that is given; a class left without images
     * is refused either way.
     */
    static ImageSet read(Path folder, List<String> classes, FeatureMap shape, Hasher hasher,
                         Optional<List<String>> skipped) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        for (Path sub : subfolders(folder)) {
            int label = classes.indexOf(sub.getFileName().toString());
            if (label < 0) {
                throw new DataException(sub + " is a class the training images do not have (they have "
                        + String.join(", ", classes) + ")");
            }
            int read = 0;
            for (Path file : images(sub)) {
                hasher.name(folder.relativize(file).toString());
                try {
                    pixels.writeBytes(ImageFit.fit(decode(file, hasher), shape));
                    labels.add(label);
                    read++;
                } catch (DataException e) {
                    skipped.orElseThrow(() -> e).add(e.getMessage());
                }
            }
            if (read == 0) {
                throw new DataException(sub + " has no image that can be decoded: every class folder needs some");
            }
        }
        return new ImageSet(shape, pixels.toByteArray(), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static BufferedImage decode(Path file, Hasher hasher) {
        byte[] bytes;
        try (InputStream in = hasher.wrap(Files.newInputStream(file))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
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
