package dev.nas.core.study;

import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;

/**
 * Everything that defines a study, stored with it so that it can be resumed and compared.
 *
 * @param spaceYaml  the space file's text, kept verbatim
 * @param spaceOrigin where the space was read from, for messages
 * @param controller name of the search controller, e.g. {@code random}
 * @param budget     full-fidelity training equivalents: epochs spent over all trials divided by {@code epochs.max()}
 * @param epochs     training epochs per candidate (the space's, unless overridden on the command line)
 */
public record StudySpec(String name, SearchSpace space, String spaceYaml, String spaceOrigin, String controller,
                        long seed, double budget, Epochs epochs, DataRef data) {

    public StudySpec {
        if (!(budget > 0) || !Double.isFinite(budget)) {
            throw new IllegalArgumentException("budget must be positive, got " + budget);
        }
    }

    /** Epochs of one full-fidelity training: the unit of the budget. */
    public int fullEpochs() {
        return epochs.max();
    }
}
