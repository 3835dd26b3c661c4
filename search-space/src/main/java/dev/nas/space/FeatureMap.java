package dev.nas.space;

/** The shape of an activation, channels last in name only: height x width x channels. */
public record FeatureMap(int height, int width, int channels) {

    public FeatureMap {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("feature map dimensions must be positive, got "
                    + height + "x" + width + "x" + channels);
        }
    }

    /** The shape after a layer of this stride with "same" padding: ceil(size / stride). */
    public FeatureMap after(int stride, int outChannels) {
        return new FeatureMap(ceilDiv(height, stride), ceilDiv(width, stride), outChannels);
    }

    public int pixels() {
        return height * width;
    }

    /** Values in one image's activation of this shape. */
    public long elements() {
        return (long) pixels() * channels;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
