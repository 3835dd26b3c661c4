package dev.nas.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Augmentation;
import dev.nas.space.FeatureMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static final FeatureMap SHAPE = new FeatureMap(6, 8, 2);

    /** One image of SHAPE whose pixel values are 1 + their index, so every pixel is told apart and none is zero. */
    private static float[] image() {
        float[] image = new float[2 * 6 * 8];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        return image;
    }

    @Test
    void nothingChangesWithoutAugmentation() {
        float[] image = image();
        Augmenter.apply(Augmentation.NONE, image, SHAPE, 1, new SplittableRandom(1));
        assertArrayEquals(image(), image);
    }

    @Test
    void aFlipMirrorsEveryRowOfEveryChannelOrNothing() {
        int mirrored = 0;
        for (int seed = 0; seed < 20; seed++) {
            float[] image = image();
            Augmenter.apply(new Augmentation(0, true, 0), image, SHAPE, 1, new SplittableRandom(seed));
            if (image[0] != 1) {
                mirrored++;
                for (int c = 0; c < 2; c++) {
                    for (int y = 0; y < 6; y++) {
                        for (int x = 0; x < 8; x++) {
                            assertEquals(image()[c * 48 + y * 8 + 7 - x], image[c * 48 + y * 8 + x]);
                        }
                    }
                }
            } else {
                assertArrayEquals(image(), image);
            }
        }
        assertTrue(mirrored > 3 && mirrored < 17, "about half mirrored: " + mirrored + " of 20");
    }

    @Test
    void aCropShiftsTheImageWithZerosShiftedInAndACutoutZeroesASquare() {
        for (int seed = 0; seed < 20; seed++) {
            float[] image = image();
            Augmenter.apply(new Augmentation(2, false, 0), image, SHAPE, 1, new SplittableRandom(seed));
            // Find the shift from where pixel (2, 3) of channel 0 went, then check every pixel against it.
            int dy = 0;
            int dx = 0;
            float original = image()[2 * 8 + 3];
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 8; x++) {
                    if (image[y * 8 + x] == original) {
                        dy = 2 - y;
                        dx = 3 - x;
                    }
                }
            }
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 6; y++) {
                    for (int x = 0; x < 8; x++) {
                        int sy = y + dy;
                        int sx = x + dx;
                        float expected = sy >= 0 && sy < 6 && sx >= 0 && sx < 8 ? image()[c * 48 + sy * 8 + sx] : 0;
                        assertEquals(expected, image[c * 48 + y * 8 + x]);
                    }
                }
            }
        }
        float[] cut = image();
        Augmenter.apply(new Augmentation(0, false, 2), cut, SHAPE, 1, new SplittableRandom(3));
        int zeros = 0;
        for (float v : cut) {
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros >= 2 && zeros <= 8 && zeros % 2 == 0, "a 2x2 square (clipped at a border) in both channels: "
                + zeros);
    }

    @Test
    void theSameGeneratorStateGivesTheSameImages() {
        Augmentation all = new Augmentation(2, true, 3);
        float[] a = new float[3 * 96];
        float[] b = new float[3 * 96];
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] = i % 7 + 1;
        }
        Augmenter.apply(all, a, SHAPE, 3, new SplittableRandom(11));
        Augmenter.apply(all, b, SHAPE, 3, new SplittableRandom(11));
        assertArrayEquals(a, b);
    }
}
