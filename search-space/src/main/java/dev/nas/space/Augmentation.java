package dev.nas.space;

/**
 * How a candidate's training images are varied each epoch, as CIFAR training usually does: a random crop of the
 * image padded by {@code crop} pixels of zeros on every side, a random horizontal flip of half the images, and a
 * cutout, a square of {@code cutout} pixels set to zero at a random place (DeVries and Taylor, 2017). Applied to
 * training images only, reproducibly from the trial's seed. Token: {@code crop=4,flip=1,cutout=8}.
 *
 * @param crop   padding, in pixels, before a random crop back to the input's size; 0 for none
 * @param flip   whether half the images, chosen at random, are mirrored left to right
 * @param cutout side of the square set to zero, in pixels; 0 for none
 */
public record Augmentation(int crop, boolean flip, int cutout) {

    /** No augmentation: the images as they are. */
    public static final Augmentation NONE = new Augmentation(0, false, 0);

    public Augmentation {
        if (crop < 0 || cutout < 0) {
            throw new IllegalArgumentException("crop padding and cutout are 0 or more pixels, got " + crop + " and "
                    + cutout);
        }
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** The fields of a candidate key: {@code crop=4,flip=1,cutout=8}. */
    public String token() {
        return "crop=" + crop + ",flip=" + (flip ? 1 : 0) + ",cutout=" + cutout;
    }

    public String describe() {
        return isNone() ? "no augmentation"
                : "crop " + crop + ", " + (flip ? "flip" : "no flip") + ", cutout " + cutout;
    }
}
