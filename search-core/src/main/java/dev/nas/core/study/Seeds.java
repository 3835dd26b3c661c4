package dev.nas.core.study;

import java.util.SplittableRandom;

/**
 * Seeds derived from the study seed, so that what a trial does depends only on the study seed and its number,
 * never on what ran before it in the same process.
 */
public final class Seeds {

    private static final long TRAINING = 0x5452_4149_4EL;
    private static final long SAMPLING = 0x5341_4D50_4CL;
    private static final long REDRAW = 0x5245_4452_4157L;

    private Seeds() {
    }

    /** The seed a trial trains with (weight initialisation, batch order). */
    public static long training(long studySeed, int trial) {
        return derive(studySeed, TRAINING, trial);
    }

    /** The random stream a controller samples trial {@code trial}'s candidate from. */
    public static SplittableRandom sampling(long studySeed, int trial) {
        return new SplittableRandom(derive(studySeed, SAMPLING, trial));
    }

    /** The stream of the {@code redraw}th new attempt at trial {@code trial} (0: the first, as above). */
    public static SplittableRandom sampling(long studySeed, int trial, int redraw) {
        return redraw == 0 ? sampling(studySeed, trial)
                : new SplittableRandom(derive(derive(studySeed, SAMPLING, trial), REDRAW, redraw));
    }

    /** A seed for {@code (stream, index)}, well mixed so that neighbouring indices give unrelated seeds. */
    public static long derive(long seed, long stream, long index) {
        return mix(mix(seed ^ mix(stream)) + index);
    }

    /** The finaliser of SplitMix64 (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
