package dev.nas.space;

/** The fixed classifier: a 1 x 1 convolution to {@code filters}, global average pooling and softmax. */
public record Head(int filters) {

    public Head {
        if (filters < 1) {
            throw new IllegalArgumentException("head filters must be positive, got " + filters);
        }
    }
}
