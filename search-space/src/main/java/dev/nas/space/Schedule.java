package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the learning rate changes over the epochs of a full-fidelity training, the same for every candidate of a
 * space. A candidate trained for fewer epochs (a lower rung) follows the start of the same curve, so its accuracy is
 * the one a full training would have had at that epoch, as in NAS-Bench-201's tables.
 */
public enum Schedule {
    CONSTANT("constant"),
    /**
     * Cosine decay per epoch from the full rate towards zero (Loshchilov and Hutter's SGDR without restarts): the
     * last epochs take small steps, so a candidate's final accuracy is its own and not the luck of one last step.
     */
    COSINE("cosine");

    private final String token;

    Schedule(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The share of the learning rate used in epoch {@code epoch} (1-based) of {@code epochs}. */
    public double factor(int epoch, int epochs) {
        if (epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 1.." + epochs);
        }
        return switch (this) {
            case CONSTANT -> 1;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
        };
    }

    public static Optional<Schedule> fromToken(String token) {
        return Arrays.stream(values()).filter(s -> s.token.equals(token)).findFirst();
    }
}
