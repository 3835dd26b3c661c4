package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * Fits a picture of any size to a space's input: scaled so that its shorter side matches (the longer side then
 * covers the input too), centre-cropped, and converted to the input's channels, as torchvision's
 * {@code Resize(shorter)} then {@code CenterCrop} do. Written here because Java2D does it in a few calls: large
 * reductions are made in halving steps, each bilinear, so that no pixel is skipped (one bilinear step from 500 to 28
 * pixels would sample a few and alias); colour becomes grey by ITU-R BT.601 luma, grey becomes colour by repeating.
 */
final class ImageFit {

    private ImageFit() {
    }

    /** {@code picture} as {@code shape}'s 0-255 pixel values, channels first. */
    static byte[] fit(BufferedImage picture, FeatureMap shape) {
        double scale = Math.max((double) shape.height() / picture.getHeight(),
                (double) shape.width() / picture.getWidth());
        int width = Math.max(shape.width(), (int) Math.round(picture.getWidth() * scale));
        int height = Math.max(shape.height(), (int) Math.round(picture.getHeight() * scale));
        BufferedImage scaled = rgb(picture);
        while (scaled.getWidth() / 2 >= width && scaled.getHeight() / 2 >= height) {
            scaled = resized(scaled, scaled.getWidth() / 2, scaled.getHeight() / 2);
        }
        if (scaled.getWidth() != width || scaled.getHeight() != height) {
            scaled = resized(scaled, width, height);
        }
        int left = (width - shape.width()) / 2;
        int top = (height - shape.height()) / 2;
        int plane = shape.pixels();
        byte[] pixels = new byte[shape.channels() * plane];
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int rgb = scaled.getRGB(left + x, top + y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int at = y * shape.width() + x;
                if (shape.channels() == 1) {
                    pixels[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    pixels[at] = (byte) r;
                    pixels[plane + at] = (byte) g;
                    pixels[2 * plane + at] = (byte) b;
                }
            }
        }
        return pixels;
    }

    /**
     * The picture in 8-bit RGB, whatever its colour model (grey, palette, 16-bit, with alpha on black). Grey samples
     * are copied as they are: Java2D would convert them from a linear grey space and brighten them.
     */
    private static BufferedImage rgb(BufferedImage picture) {
        if (picture.getType() == BufferedImage.TYPE_INT_RGB) {
            return picture;
        }
        WritableRaster raster = picture.getRaster();
        if (raster.getNumBands() == 1 && !(picture.getColorModel() instanceof IndexColorModel)) {
            int max = (1 << picture.getColorModel().getComponentSize(0)) - 1;
            BufferedImage grey = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < picture.getHeight(); y++) {
                for (int x = 0; x < picture.getWidth(); x++) {
                    int v = Math.round(raster.getSample(x, y, 0) * 255f / max);
                    grey.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            return grey;
        }
        BufferedImage rgb = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(picture, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static BufferedImage resized(BufferedImage picture, int width, int height) {
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return resized;
    }
}
