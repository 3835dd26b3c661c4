package dev.nas.core.scoring;

import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much smaller and faster a model is than a baseline, as the model-compression literature reports it (Han et
 * al. 2016, Cheng et al. 2017): compression rate = params before / after, space saving = 1 - after / before, speed-up
 * = latency before / after. A rate of 4 and a saving of 0.75 say the same thing; both are given because papers use
 * both.
 *
 * <pre>{@code
 * Trial baseline = Compression.baseline(trials, OptionalInt.empty()).orElseThrow();   // the largest network
 * Compression c = Compression.of(baseline, member);   // c.rate(), c.spaceSaving(), c.speedUp()
 * }</pre>
 *
 * @param baseline the trial compared against
 */
public record Compression(int baseline, double rate, double spaceSaving, double speedUp) {

    /** {@code model} against {@code baseline}; both must have completed. */
    public static Compression of(Trial baseline, Trial model) {
        Scores before = scores(baseline);
        Scores after = scores(model);
        return new Compression(baseline.number(), (double) before.params() / after.params(),
                1 - (double) after.params() / before.params(), before.latencyMs() / after.latencyMs());
    }

    /**
     * The baseline trial: {@code requested} if given (it must have completed), otherwise the completed trial with
     * the most parameters, the lowest number among equals; empty when no trial has completed.
     */
    public static Optional<Trial> baseline(Collection<Trial> trials, OptionalInt requested) {
        if (requested.isPresent()) {
            int number = requested.getAsInt();
            Trial trial = trials.stream().filter(t -> t.number() == number).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("baseline: the study has no trial " + number));
            scores(trial);
            return Optional.of(trial);
        }
        return trials.stream().filter(t -> t.evaluation().isPresent())
                .max(Comparator.comparingLong((Trial t) -> scores(t).params())
                        .thenComparing(Trial::number, Comparator.reverseOrder()));
    }

    private static Scores scores(Trial trial) {
        return trial.evaluation().orElseThrow(() -> new IllegalArgumentException("trial " + trial.number()
                + " has not completed: it has no parameters or latency to compare")).scores();
    }
}
