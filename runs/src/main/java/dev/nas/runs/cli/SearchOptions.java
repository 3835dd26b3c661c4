package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.runs.app.SearchSettings;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.space.BadInput;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a search, as the command line gives them; defaults are {@link SearchSettings}'. */
final class SearchOptions {

    @Option(names = "--space", paramLabel = "FILE",
            description = "The search space, in YAML (see spaces/ and the README). Required to search.")
    Path space;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "" + SearchSettings.BUDGET,
            description = "Full trainings to spend: epochs over all trials / epochs of one full training "
                    + "(default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--controller", paramLabel = "NAME",
            description = "How candidates are chosen: ${COMPLETION-CANDIDATES} (default: the space file's "
                    + "controller: section, else " + SearchSettings.CONTROLLER + ").",
            completionCandidates = ControllerNames.class)
    String controller;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SearchSettings.SEED,
            description = "Study seed: the same seed, space and data give the same search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--db", paramLabel = "STUDY",
            description = "The study: PATH of its file PATH.mv.db (default: studies/<space name>), or a database on a "
                    + "PostgreSQL server that many workers share, jdbc:postgresql://HOST[:PORT]/DATABASE (password "
                    + "from NAS_DB_PASSWORD, NAS_DB_PASSWORD_FILE or ~/.pgpass, never the command line). An existing "
                    + "study with the same settings is continued.")
    String db;

    @Option(names = "--networks", paramLabel = "DIR",
            description = "Keep the trained networks in DIR, a folder every worker mounts (default: beside a study "
                    + "file, or in a server study's database).")
    Path networks;

    @Option(names = "--table-epoch-seconds", paramLabel = "S", defaultValue = "0",
            description = "With --objective table:CSV: each epoch takes S seconds of wall-clock time, asleep (no "
                    + "CPU), so that workers, leases and controllers run as with real training (default: 0).")
    double tableEpochSeconds;

    @Option(names = "--lease", paramLabel = "SECONDS",
            description = "On a server study: a running trial whose worker sent no heartbeat for this long is taken "
                    + "over by another worker (default: 60; workers beat four times as often).")
    Integer lease;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Training images: a directory of IDX files (e.g. /usr/share/datasets/fashion-mnist), of "
                    + "CIFAR-10/100 binary batches or of a folder of images per class (or train/, val/, test/ "
                    + "folders of them), or a CSV file (default: the embedded Fashion-MNIST subset).")
    Path data;

    @Option(names = "--skip-unreadable-images", description = "Pass over images of a folder that cannot be decoded, "
            + "listing them, instead of refusing the data (kept with the study, for resume and export).")
    boolean skipUnreadable;

    @Option(names = "--image-cache", paramLabel = "DIR",
            description = "Decode image folders once into DIR and read them from there (default: image-cache beside a "
                    + "study file, or ~/.cache/nas/images for a server study).")
    Path imageCache;

    @Option(names = "--objective", paramLabel = "table:CSV",
            description = "Score candidates from a tabular benchmark instead of training them (see nas table), "
                    + "e.g. table:benchmarks/bench.csv.")
    String objective;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs per candidate, overriding the space's training.epochs.")
    Integer epochs;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "" + SearchSettings.VALIDATION,
            description = "Share of the training images held out to score candidates (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "" + SearchSettings.MAX_FAILURES,
            description = "Stop after this many failed trials in a row (default: ${DEFAULT-VALUE}).")
    int maxFailures;

    @Mixin
    CheaperTrialsOptions cheaper;

    @Option(names = "--warm-start", paramLabel = "SOURCE",
            description = "Start a new study knowing the completed trials of SOURCE, an earlier study of the same "
                    + "space (as --db names one) or a tabular benchmark of it (table:FILE.csv): its controller learns "
                    + "from them and does not try them again. They are numbered -N to -1, not counted in the budget "
                    + "and never on the front; kept with the study, so resume and every worker know them.")
    String warmStart;

    @Option(names = "--trial-time-limit", paramLabel = "MINUTES",
            description = "A trial still training after this many minutes fails, and the search goes on.")
    Double trialTimeLimit;

    /** The settings these options give; the space file is read and checked here. */
    SearchSettings settings() {
        if (space == null) {
            throw new BadInput("give the search space to search: --space FILE (see --help)");
        }
        if (trialTimeLimit != null && !(trialTimeLimit > 0)) {
            throw new BadInput("--trial-time-limit must be positive, got " + trialTimeLimit);
        }
        SpaceSource source = SpaceSource.read(space);
        return new SearchSettings(source,
                SearchSettings.controller(Optional.ofNullable(controller), source), seed, budget,
                Optional.ofNullable(epochs), Optional.ofNullable(data), skipUnreadable,
                Optional.ofNullable(imageCache), validation,
                Optional.ofNullable(objective),
                maxFailures, Optional.ofNullable(trialTimeLimit).map(m -> Duration.ofMillis(Math.round(m * 60_000))),
                cheaper.pruner(), cheaper.prescreen(), Optional.ofNullable(warmStart),
                db != null ? StudyAddress.of(db) : SearchSettings.defaultStudy(source), Optional.ofNullable(networks),
                Optional.ofNullable(lease).map(Duration::ofSeconds),
                Duration.ofNanos(Math.round(tableEpochSeconds * 1e9)));
    }


    static final class ControllerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ControllerSpec.PRESETS.iterator();
        }
    }
}
