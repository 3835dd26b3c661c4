package dev.nas.core.trial;

/**
 * The trained weights a trial starts from instead of a fresh initialisation: those of trial {@code trial} after
 * {@code epochs} epochs in all. Successive halving continues a promoted candidate this way; population-based
 * training copies a better member's weights into a worse one.
 */
public record Parent(int trial, int epochs) {

    public Parent {
        if (trial < 0 || epochs < 1) {
            throw new IllegalArgumentException("a parent is a trial number and a positive epoch count, got trial "
                    + trial + " after " + epochs + " epochs");
        }
    }
}
