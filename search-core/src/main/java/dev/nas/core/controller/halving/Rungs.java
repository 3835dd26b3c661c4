package dev.nas.core.controller.halving;

import dev.nas.space.Epochs;
import java.util.List;
import java.util.TreeSet;

/**
 * The epoch counts at which successive halving compares trials: the study's full epochs divided by powers of
 * {@code eta}, down to its minimum epochs (Li et al. 2018, resource r_i = R eta^(i - s_max)). With epochs 1 to 9 and
 * eta 3: 1, 3, 9.
 */
public record Rungs(List<Integer> epochs, int eta) {

    public Rungs {
        epochs = List.copyOf(epochs);
        if (eta < 2 || epochs.isEmpty()) {
            throw new IllegalArgumentException("rungs need eta >= 2 and at least one epoch count");
        }
    }

    public static Rungs of(Epochs fidelity, int eta) {
        int max = fidelity.max();
        int min = fidelity.min();
        int sMax = (int) Math.floor(Math.log((double) max / min) / Math.log(eta) + 1e-9);
        TreeSet<Integer> epochs = new TreeSet<>();
        for (int i = 0; i <= sMax; i++) {
            epochs.add(Math.max(min, (int) Math.round(max / Math.pow(eta, sMax - i))));
        }
        return new Rungs(List.copyOf(epochs), eta);
    }

    /** Index of the last rung, the study's full epochs. */
    public int top() {
        return epochs.size() - 1;
    }

    public int epochs(int rung) {
        return epochs.get(rung);
    }
}
