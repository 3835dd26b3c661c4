package dev.nas.space;

/** The fixed first layer: a k x k convolution, batch norm and ReLU. */
public record Stem(int filters, int kernel, int stride) {

    public Stem {
        if (filters < 1 || kernel < 1 || kernel % 2 == 0 || stride < 1) {
            throw new IllegalArgumentException("stem needs positive filters and stride and an odd kernel, got "
                    + filters + " filters, kernel " + kernel + ", stride " + stride);
        }
    }
}
