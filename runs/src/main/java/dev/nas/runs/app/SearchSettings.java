package dev.nas.runs.app;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.search.Pruner;
import dev.nas.eval.data.Dataset;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.BadInput;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.ControllerSection;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a search run is given: from the command line for a new or repeated search, or from the study database
 * for {@code nas resume}, so that a resumed search runs exactly as the one that started it. Every default is here.
 *
 * @param epochs    epochs per candidate if the command line overrode the space's
 * @param data      a directory or CSV file of training images, or empty for the embedded subset
 * @param skipUnreadable whether images of a folder that cannot be decoded are passed over (and listed) rather than
 *                  refusing the data
 * @param imageCache where image folders are decoded to, if not the study's {@link StudyAddress#imageCache()}
 * @param objective {@code table:CSV} to score candidates from a tabular benchmark, or empty to train them
 * @param networks  a folder for the trained networks that every worker mounts, or empty for the study's own place
 * @param pruner    what ends a trial whose learning curve falls behind, for a controller that trains every
 *                  candidate fully
 * @param prescreen how many proposals a proxy chooses each trial's candidate from, if it does
 * @param warmStart an earlier study or a tabular benchmark whose trials a new study's controller is given to start
 *                  from ({@link WarmStartSource}), as the command line names it; kept with the study it makes, so
 *                  empty on resume
 * @param lease     how long a running trial stays its worker's without a heartbeat, if it is to be set
 * @param tableTime with a table objective, the wall-clock time each epoch takes, spent asleep
 */
public record SearchSettings(SpaceSource space, ControllerSpec controller, long seed, double budget,
                             Optional<Integer> epochs, Optional<Path> data, boolean skipUnreadable,
                             Optional<Path> imageCache, double validation,
                             Optional<String> objective, int maxFailures, Optional<Duration> trialTimeLimit,
                             Pruner pruner, Optional<Prescreen> prescreen, Optional<String> warmStart,
                             StudyAddress db, Optional<Path> networks, Optional<Duration> lease,
                             Duration tableTime) {

    public static final String CONTROLLER = "random";
    public static final long SEED = 1;
    public static final int BUDGET = 20;
    public static final double VALIDATION = 0.2;
    public static final int MAX_FAILURES = 10;
    public static final String TABLE = "table:";
    /** The run option that names a shared folder of trained networks. */
    public static final String NETWORKS = "networks";
    /** The run option that says unreadable images are skipped. */
    public static final String SKIP_UNREADABLE = "skip_unreadable_images";
    /** The run option that names the folder image folders are decoded to. */
    public static final String IMAGE_CACHE = "image_cache";
    /** The run option that names the pruner. */
    static final String PRUNER = "pruner";
    /** The run option that says how candidates are prescreened. */
    static final String PRESCREEN = "prescreen";

    public SearchSettings {
        if (!(budget > 0)) {
            throw new BadInput("--budget must be positive, got " + budget);
        }
        if (epochs.isPresent() && epochs.get() < 1) {
            throw new BadInput("--epochs must be positive, got " + epochs.get());
        }
        if (maxFailures < 1) {
            throw new BadInput("--max-failures must be positive, got " + maxFailures);
        }
        if (pruner != Pruner.NONE && controller.multiFidelity()) {
            throw new BadInput("--prune " + pruner.token() + ": the controller " + controller.name() + " already "
                    + "stops trials early by its rungs; pruning is for controllers that train every candidate fully");
        }
        if (trialTimeLimit.isPresent() && (trialTimeLimit.get().isNegative() || trialTimeLimit.get().isZero())) {
            throw new BadInput("--trial-time-limit must be positive, got " + trialTimeLimit.get());
        }
        if (!(validation > 0 && validation < 1)) {
            throw new BadInput("--validation must be between 0 and 1, got " + validation);
        }
        if (lease.isPresent() && lease.get().toSeconds() < 1) {
            throw new BadInput("--lease must be at least 1 second, got " + lease.get().toMillis() + " ms");
        }
        if (tableTime.isNegative() || !tableTime.isZero() && objective.isEmpty()) {
            throw new BadInput("--table-epoch-seconds is for --objective table:CSV, and must not be negative");
        }
        if (objective.isPresent() && !objective.get().startsWith(TABLE)) {
            throw new BadInput("--objective: unknown objective '" + objective.get()
                    + "' (expected table:CSV)");
        }
    }

    /**
     * The controller a new search runs: the command line's preset, else the space file's {@code controller:}
     * section, else {@value #CONTROLLER}.
     */
    public static ControllerSpec controller(Optional<String> commandLine, SpaceSource space) {
        if (commandLine.isPresent()) {
            return ControllerSpec.preset(commandLine.get());
        }
        if (space.controller().isEmpty()) {
            return ControllerSpec.preset(CONTROLLER);
        }
        ControllerSection section = space.controller().get();
        try {
            return ControllerSpec.of(section.name(), section.parameters());
        } catch (IllegalArgumentException e) {
            throw section.problem(e.getMessage());
        }
    }

    /** The study a search of {@code space} keeps by default: studies/NAME. */
    public static StudyFiles defaultStudy(SpaceSource space) {
        return StudyFiles.of(Path.of("studies", space.space().name()));
    }

    /** The settings of the search stored in {@code storage}, with another budget if one is given. */
    public static SearchSettings stored(SqlStorage storage, StudyAddress db, Optional<Double> budget) {
        var spec = storage.spec();
        Map<String, String> options = storage.runOptions();
        SpaceSource space = SpaceSource.parse(spec.spaceYaml(), spec.spaceOrigin());
        Optional<Integer> epochs = spec.epochs().equals(space.space().training().epochs()) ? Optional.empty()
                : Optional.of(spec.epochs().max());
        return new SearchSettings(space, spec.controller(), spec.seed(), budget.orElse(spec.budget()), epochs,
                Optional.ofNullable(options.get("data")).map(Path::of), skipsUnreadable(options),
                Optional.ofNullable(options.get(IMAGE_CACHE)).map(Path::of),
                Optional.ofNullable(options.get("validation")).map(Double::parseDouble).orElse(VALIDATION),
                Optional.ofNullable(options.get("objective")),
                Optional.ofNullable(options.get("max_failures")).map(Integer::parseInt).orElse(MAX_FAILURES),
                Optional.ofNullable(options.get("trial_time_limit")).map(Duration::parse),
                Pruner.of(options.getOrDefault(PRUNER, Pruner.NONE.token())),
                Optional.ofNullable(options.get(PRESCREEN)).map(Prescreen::parse), Optional.empty(), db,
                Optional.ofNullable(options.get(NETWORKS)).map(Path::of), Optional.empty(),
                Optional.ofNullable(options.get("table_epoch_time")).map(Duration::parse).orElse(Duration.ZERO));
    }

    /**
     * What differs from machine to machine among a study's workers: where the data, the table and the shared folder
     * of networks are. Each is checked against the study as any setting is: data by its SHA-256.
     */
    public record Local(Optional<Path> data, Optional<String> objective, Optional<Path> networks,
                        Optional<Path> imageCache) {
    }

    /** These settings on this machine: its paths where given, else the stored ones; and another space if given. */
    public SearchSettings on(Local local, Optional<SpaceSource> otherSpace) {
        return new SearchSettings(otherSpace.orElse(space), controller, seed, budget, epochs,
                local.data().or(() -> data), skipUnreadable, local.imageCache().or(() -> imageCache),
                validation, local.objective().or(() -> objective), maxFailures, trialTimeLimit, pruner, prescreen,
                warmStart, db,
                local.networks().or(() -> networks), lease, tableTime);
    }

    /** What {@link #stored} reads back: the settings that are not part of the study's own specification. */
    Map<String, String> runOptions() {
        Map<String, String> options = new HashMap<>();
        data.ifPresent(path -> options.put("data", path.toAbsolutePath().normalize().toString()));
        if (skipUnreadable) {
            options.put(SKIP_UNREADABLE, "true");
        }
        imageCache.ifPresent(folder -> options.put(IMAGE_CACHE, folder.toAbsolutePath().normalize().toString()));
        options.put("validation", Double.toString(validation));
        // Absolute, so that nas resume finds the table from any folder.
        table().ifPresent(file -> options.put("objective", TABLE + file.toAbsolutePath().normalize()));
        options.put("max_failures", Integer.toString(maxFailures));
        trialTimeLimit.ifPresent(limit -> options.put("trial_time_limit", limit.toString()));
        if (pruner != Pruner.NONE) {
            options.put(PRUNER, pruner.token());
        }
        prescreen.ifPresent(p -> options.put(PRESCREEN, p.stored()));
        if (!tableTime.isZero()) {
            options.put("table_epoch_time", tableTime.toString());
        }
        networks.ifPresent(folder -> options.put(NETWORKS, folder.toAbsolutePath().normalize().toString()));
        return options;
    }

    /** How these settings read images: the same way on every reading of the study. */
    Dataset.Reading reading() {
        return new Dataset.Reading(skipUnreadable, Optional.of(imageCache.orElseGet(db::imageCache)));
    }

    /** How a study {@code db} with these run options reads its images. */
    static Dataset.Reading reading(Map<String, String> runOptions, StudyAddress db) {
        return new Dataset.Reading(skipsUnreadable(runOptions), Optional.of(Optional.ofNullable(
                runOptions.get(IMAGE_CACHE)).map(Path::of).orElseGet(db::imageCache)));
    }

    private static boolean skipsUnreadable(Map<String, String> runOptions) {
        return Boolean.parseBoolean(runOptions.get(SKIP_UNREADABLE));
    }

    /** The tabular benchmark candidates are scored from, if they are not trained. */
    Optional<Path> table() {
        return objective.map(o -> Path.of(o.substring(TABLE.length())));
    }

    Epochs epochsOf(SearchSpace searchSpace) {
        return epochs.map(Epochs::fixed).orElse(searchSpace.training().epochs());
    }
}
