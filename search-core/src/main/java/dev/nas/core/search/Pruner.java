package dev.nas.core.search;

import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Trial;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ends a trial whose learning curve has fallen behind the study's, so that its remaining epochs go to other
 * candidates. Asked after every epoch but a trial's last; a pruned trial's epochs count in the budget.
 */
public sealed interface Pruner permits Pruner.None, Pruner.Median {

    /** No pruning: every trial trains the epochs it was asked for. */
    Pruner NONE = new None();

    /**
     * Why {@code trial} should stop after {@code epoch}, given the study's {@code trials} so far; empty to go on.
     */
    Optional<String> verdict(Trial trial, EpochRecord epoch, List<Trial> trials, StudySpec spec);

    /** The command-line name: {@code none} or {@code median}. */
    String token();

    /** The pruner named {@code token}. */
    static Pruner of(String token) {
        return switch (token) {
            case "none" -> NONE;
            case "median" -> Median.DEFAULT;
            default -> throw new IllegalArgumentException("unknown pruner '" + token + "' (expected none or median)");
        };
    }

    record None() implements Pruner {

        @Override
        public Optional<String> verdict(Trial trial, EpochRecord epoch, List<Trial> trials, StudySpec spec) {
            return Optional.empty();
        }

        @Override
        public String token() {
            return "none";
        }
    }

    /**
     * The median stopping rule (Golovin et al., Google Vizier, 2017; Optuna's {@code MedianPruner}): a trial whose
     * validation accuracy after epoch {@code e} is below the median accuracy after epoch {@code e} of the study's
     * completed full trainings stops, once {@code startupTrials} of them have reached that epoch and from epoch
     * {@code warmupEpochs + 1} on.
     */
    record Median(int startupTrials, int warmupEpochs) implements Pruner {

        /** Optuna's defaults: five completed trials before any is pruned, no warm-up. */
        public static final Median DEFAULT = new Median(5, 0);

        public Median {
            if (startupTrials < 1 || warmupEpochs < 0) {
                throw new IllegalArgumentException("startup trials must be positive and warm-up epochs not "
                        + "negative, got " + startupTrials + " and " + warmupEpochs);
            }
        }

        @Override
        public Optional<String> verdict(Trial trial, EpochRecord epoch, List<Trial> trials, StudySpec spec) {
            if (epoch.epoch() <= warmupEpochs) {
                return Optional.empty();
            }
            double[] reached = spec.fullFidelity(trials).stream()
                    .flatMap(t -> t.evaluation().orElseThrow().epochs().stream())
                    .filter(e -> e.epoch() == epoch.epoch())
                    .mapToDouble(EpochRecord::validationAccuracy)
                    .sorted().toArray();
            if (reached.length < startupTrials) {
                return Optional.empty();
            }
            int n = reached.length;
            double median = n % 2 == 1 ? reached[n / 2] : (reached[n / 2 - 1] + reached[n / 2]) / 2;
            return epoch.validationAccuracy() < median ? Optional.of(String.format(Locale.ROOT,
                    "pruned after epoch %d: validation accuracy %.4f is below %.4f, the median of %d completed "
                            + "trials at that epoch", epoch.epoch(), epoch.validationAccuracy(), median, n))
                    : Optional.empty();
        }

        @Override
        public String token() {
            return "median";
        }
    }
}
