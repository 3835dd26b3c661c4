package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/** The training optimiser of a candidate. */
public enum Optimizer {
    SGD("sgd"),
    /** SGD with Nesterov momentum 0.9. */
    NESTEROV("nesterov"),
    ADAM("adam"),
    RMSPROP("rmsprop");

    private final String token;

    Optimizer(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Optimizer> fromToken(String token) {
        return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
    }
}
