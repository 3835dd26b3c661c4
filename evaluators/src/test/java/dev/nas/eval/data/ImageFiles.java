package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Real image files made from grey images (the embedded Fashion-MNIST ones), for tests of the formats users bring:
 * a folder per class of PNG, JPEG or BMP files, grey or colourised, at any size; and CIFAR binary batches.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Colour made from a grey value, so that every channel differs and grey can be told apart from colour. */
    public static int colourised(int grey) {
        return (grey << 16) | ((grey / 2) << 8) | (255 - grey);
    }

    /**
     * Writes {@code images} (grey, one channel) into {@code folder/CLASS/NNNN.FORMAT}, the class named by
     * {@code classes[label]}, each scaled by {@code scale} (nearest neighbour) and in colour if {@code colour}.
     */
    public static void writeFolders(Path folder, ImageSet images, List<String> classes, String format, int scale,
                                    boolean colour) throws IOException {
        FeatureMap shape = images.shape();
        float[] pixels = new float[shape.pixels()];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, pixels, 0);
            BufferedImage picture = new BufferedImage(shape.width() * scale, shape.height() * scale,
                    colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < picture.getHeight(); y++) {
                for (int x = 0; x < picture.getWidth(); x++) {
                    int grey = Math.round(pixels[(y / scale) * shape.width() + x / scale] * 255);
                    if (colour) {
                        picture.setRGB(x, y, colourised(grey));
                    } else {
                        picture.getRaster().setSample(x, y, 0, grey);
                    }
                }
            }
            Path file = folder.resolve(classes.get(images.label(i))).resolve(String.format("%04d.%s", i, format));
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(picture, format, file.toFile())) {
                throw new IOException("no ImageIO writer for " + format);
            }
        }
    }

    /**
     * {@code images} (grey, 28x28) as CIFAR records: colourised, padded to 32x32 with the colour of grey 0, after
     * {@code labelBytes}
     * label bytes that each hold the image's label.
     */
    public static byte[] cifarRecords(ImageSet images, int labelBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeatureMap shape = images.shape();
        float[] pixels = new float[shape.pixels()];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, pixels, 0);
            for (int b = 0; b < labelBytes; b++) {
                out.write(images.label(i));
            }
            for (int channel = 0; channel < 3; channel++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int sx = x - 2;
                        int sy = y - 2;
                        boolean inside = sx >= 0 && sy >= 0 && sx < shape.width() && sy < shape.height();
                        int grey = inside ? Math.round(pixels[sy * shape.width() + sx] * 255) : 0;
                        out.write((colourised(grey) >> (16 - 8 * channel)) & 0xFF);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
