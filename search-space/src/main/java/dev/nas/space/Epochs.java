package dev.nas.space;

/**
 * Training epochs per candidate: fixed ({@code min == max}) or a fidelity range that multi-fidelity controllers
 * spend from. {@link #max()} is full fidelity, the unit of the search budget.
 */
public record Epochs(int min, int max) {

    public Epochs {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("epochs need 1 <= min <= max, got min " + min + ", max " + max);
        }
    }

    public static Epochs fixed(int epochs) {
        return new Epochs(epochs, epochs);
    }

    public boolean isFixed() {
        return min == max;
    }

    @Override
    public String toString() {
        return isFixed() ? Integer.toString(max) : min + "-" + max;
    }
}
