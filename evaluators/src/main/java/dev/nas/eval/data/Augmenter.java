package dev.nas.eval.data;

import dev.nas.space.Augmentation;
import dev.nas.space.FeatureMap;
import java.util.SplittableRandom;

/**
 * Varies training images as an {@link Augmentation} says, in place, image by image: a random shift of up to
 * {@code crop} pixels each way with zeros shifted in (the same as padding by {@code crop} and cropping at random),
 * a mirror image for half of them, and a zeroed square of side {@code cutout} centred at a random pixel (clipped at
 * the borders). The same generator state gives the same images.
 */
public final class Augmenter {

    private Augmenter() {
    }

    /** Applies {@code augmentation} to {@code count} images of {@code shape} laid out one after another, NCHW. */
    public static void apply(Augmentation augmentation, float[] images, FeatureMap shape, int count,
                             SplittableRandom random) {
        int h = shape.height();
        int w = shape.width();
        float[] plane = new float[h * w];
        for (int i = 0; i < count; i++) {
            int dy = augmentation.crop() == 0 ? 0 : random.nextInt(-augmentation.crop(), augmentation.crop() + 1);
            int dx = augmentation.crop() == 0 ? 0 : random.nextInt(-augmentation.crop(), augmentation.crop() + 1);
            boolean mirror = augmentation.flip() && random.nextBoolean();
            int cy = augmentation.cutout() == 0 ? 0 : random.nextInt(h);
            int cx = augmentation.cutout() == 0 ? 0 : random.nextInt(w);
            for (int c = 0; c < shape.channels(); c++) {
                int offset = (i * shape.channels() + c) * h * w;
                System.arraycopy(images, offset, plane, 0, h * w);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int sy = y + dy;
                        int sx = (mirror ? w - 1 - x : x) + dx;
                        images[offset + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? plane[sy * w + sx] : 0;
                    }
                }
                if (augmentation.cutout() > 0) {
                    int top = cy - augmentation.cutout() / 2;
                    int left = cx - augmentation.cutout() / 2;
                    for (int y = Math.max(0, top); y < Math.min(h, top + augmentation.cutout()); y++) {
                        for (int x = Math.max(0, left); x < Math.min(w, left + augmentation.cutout()); x++) {
                            images[offset + y * w + x] = 0;
                        }
                    }
                }
            }
        }
    }
}
