package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/** MnasNet's skip operation: how a layer's input is added to its output. */
public enum Residual {
    /** No shortcut. */
    NONE("none"),
    /** Identity shortcut, only on layers whose input and output shapes agree. */
    IDENTITY("identity"),
    /**
     * A shortcut on every layer: identity where the shapes agree, otherwise average pooling by the stride and a
     * 1 x 1 projection to the new channel count.
     */
    POOL("pool");

    private final String token;

    Residual(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Residual> fromToken(String token) {
        return Arrays.stream(values()).filter(r -> r.token.equals(token)).findFirst();
    }
}
