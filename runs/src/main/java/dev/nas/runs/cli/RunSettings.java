package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.runs.storage.H2Storage;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a search run is given: from the command line for a new or repeated search, or from the study database
 * for {@code nas resume}, so that a resumed search runs exactly as the one that started it.
 *
 * @param epochs epochs per candidate if the command line overrode the space's
 * @param data   a directory or CSV file of training images, or empty for the embedded subset
 */
record RunSettings(String spaceYaml, String spaceOrigin, ControllerSpec controller, long seed, double budget,
                   Optional<Integer> epochs, Optional<Path> data, double validation, Optional<String> objective,
                   int maxFailures, Optional<Duration> trialTimeLimit, Path db) {

    RunSettings {
        if (!(budget > 0)) {
            throw new IllegalArgumentException("--budget must be positive, got " + budget);
        }
        if (epochs.isPresent() && epochs.get() < 1) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs.get());
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("--max-failures must be positive, got " + maxFailures);
        }
        if (trialTimeLimit.isPresent() && (trialTimeLimit.get().isNegative() || trialTimeLimit.get().isZero())) {
            throw new IllegalArgumentException("--trial-time-limit must be positive, got " + trialTimeLimit.get());
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("--validation must be between 0 and 1, got " + validation);
        }
    }

    /** The settings of the search stored in {@code storage}, with another budget if one is given. */
    static RunSettings stored(H2Storage storage, Path db, Optional<Double> budget) {
        var spec = storage.spec();
        Map<String, String> options = storage.runOptions();
        SearchSpace space = SpaceLoader.parse(spec.spaceYaml(), spec.spaceOrigin());
        Optional<Integer> epochs = spec.epochs().equals(space.training().epochs()) ? Optional.empty()
                : Optional.of(spec.epochs().max());
        return new RunSettings(spec.spaceYaml(), spec.spaceOrigin(), spec.controller(), spec.seed(),
                budget.orElse(spec.budget()), epochs, Optional.ofNullable(options.get("data")).map(Path::of),
                Double.parseDouble(options.getOrDefault("validation", "0.2")),
                Optional.ofNullable(options.get("objective")),
                Integer.parseInt(options.getOrDefault("max_failures", "10")),
                Optional.ofNullable(options.get("trial_time_limit")).map(Duration::parse), db);
    }

    /** What {@link #stored} reads back: the settings that are not part of the study's own specification. */
    Map<String, String> runOptions() {
        Map<String, String> options = new HashMap<>();
        data.ifPresent(path -> options.put("data", path.toAbsolutePath().normalize().toString()));
        options.put("validation", Double.toString(validation));
        // Absolute, so that nas resume finds the table from any folder.
        objective.ifPresent(o -> options.put("objective", o.startsWith("table:")
                ? "table:" + Path.of(o.substring("table:".length())).toAbsolutePath().normalize() : o));
        options.put("max_failures", Integer.toString(maxFailures));
        trialTimeLimit.ifPresent(limit -> options.put("trial_time_limit", limit.toString()));
        return options;
    }

    Epochs epochsOf(SearchSpace space) {
        return epochs.map(Epochs::fixed).orElse(space.training().epochs());
    }
}
