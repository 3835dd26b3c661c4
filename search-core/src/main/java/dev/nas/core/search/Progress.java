package dev.nas.core.search;

import dev.nas.core.trial.Trial;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a search stands after a trial.
 *
 * @param spent       budget spent, in full-fidelity training equivalents
 * @param best        the completed trial with the highest reward so far
 * @param elapsed     time this run has been searching
 * @param spentHere   budget spent by this run (a resumed study spent the rest earlier)
 */
public record Progress(double spent, double budget, int trials, Optional<Trial> best, double bestReward,
                       int frontSize, Duration elapsed, double spentHere) {

    /** Time left at this run's pace so far; empty until this run has spent something. */
    public Optional<Duration> remaining() {
        if (spentHere <= 0) {
            return Optional.empty();
        }
        double secondsPerUnit = elapsed.toMillis() / 1000.0 / spentHere;
        return Optional.of(Duration.ofMillis(Math.round(Math.max(0, budget - spent) * secondsPerUnit * 1000)));
    }
}
