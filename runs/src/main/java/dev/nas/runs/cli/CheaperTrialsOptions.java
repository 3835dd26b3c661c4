package dev.nas.runs.cli;

import dev.nas.core.search.Pruner;
import dev.nas.runs.app.Prescreen;
import dev.nas.space.BadInput;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --prune}, {@code --prescreen} and {@code --proxy}: how a search spends less on hopeless candidates. */
final class CheaperTrialsOptions {

    @Option(names = "--prune", paramLabel = "RULE", defaultValue = "none",
            description = "End a trial whose validation accuracy after an epoch is below the median of the study's "
                    + "completed trials at that epoch (median), or never (none, the default). For controllers that "
                    + "train every candidate fully.")
    String prune;

    @Option(names = "--prescreen", paramLabel = "K",
            description = "Have the controller propose K candidates for each trial and train only the one the "
                    + "zero-cost proxy scores highest (default: every proposal is trained).")
    Integer prescreen;

    @Option(names = "--proxy", paramLabel = "NAME", defaultValue = "naswot",
            description = "With --prescreen: naswot, synflow, grad_norm or params (default: ${DEFAULT-VALUE}).")
    String proxy;

    Pruner pruner() {
        try {
            return Pruner.of(prune);
        } catch (IllegalArgumentException e) {
            throw new BadInput("--prune: " + e.getMessage());
        }
    }

    Optional<Prescreen> prescreen() {
        return Optional.ofNullable(prescreen).map(k -> Prescreen.of(k, proxy));
    }
}
