package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/** A quantity the Pareto front trades off, with the direction that is better. */
public enum Objective {
    ACCURACY("accuracy", true),
    LATENCY("latency", false),
    PARAMS("params", false);

    private final String token;
    private final boolean maximize;

    Objective(String token, boolean maximize) {
        this.token = token;
        this.maximize = maximize;
    }

    public String token() {
        return token;
    }

    public boolean maximize() {
        return maximize;
    }

    public static Optional<Objective> fromToken(String token) {
        return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
    }
}
