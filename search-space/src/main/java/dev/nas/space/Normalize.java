package dev.nas.space;

import java.util.Arrays;
import java.util.Optional;

/**
 * How pixel values are scaled on their way into a network. Either way the network's input is the image scaled to
 * 0..1; with {@link #PER_CHANNEL}, its first step subtracts each channel's mean and divides by its standard
 * deviation over the study's training images, so that the step is part of the network: trained, validated, timed,
 * exported and retrained with it.
 */
public enum Normalize {
    NONE("none"),
    PER_CHANNEL("per_channel");

    private final String token;

    Normalize(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Normalize> fromToken(String token) {
        return Arrays.stream(values()).filter(n -> n.token.equals(token)).findFirst();
    }
}
