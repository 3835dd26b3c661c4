package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.search.Search;
import dev.nas.runs.Version;
import dev.nas.runs.app.SearchRun;
import dev.nas.runs.app.SearchSettings;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nas}: searches a space, or, with a subcommand, reads a study. */
@Command(name = "nas", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Searches neural architectures and their training settings for the best trade-offs between accuracy and",
            "latency. Every candidate is trained with Deeplearning4j and its batch-1 latency measured on this machine;",
            "every trial and the Pareto front are kept in an H2 study database.",
            ""},
        subcommands = {StatusCommand.class, ParetoCommand.class, TrialsCommand.class, BenchCommand.class,
            TableCommand.class, CompareCommand.class, ResumeCommand.class, ReportCommand.class,
            ExportCommand.class, LatencyCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar nas.jar --space spaces/mobile.yaml --budget 200",
            "  java -jar nas.jar --space spaces/mobile.yaml --data /usr/share/datasets/fashion-mnist --db runs/night",
            "  java -jar nas.jar resume --db runs/night",
            "  java -jar nas.jar status --db runs/night",
            "  java -jar nas.jar pareto --db runs/night --format csv > front.csv",
            "",
            "Exit codes: 0 done, 1 the search stopped (repeated failures, or Ctrl-C: resume it), 2 bad input "
                + "(nothing was changed), 3 failed (the message says where the full report is)."})
public final class Main implements Callable<Integer> {

    static final int DONE = 0;
    static final int STOPPED = 1;
    static final int BAD_INPUT = 2;
    static final int FAILED = 3;

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

    @Option(names = "--db", paramLabel = "PATH",
            description = "Study database, PATH.mv.db (default: studies/<space name>). An existing study with the "
                    + "same settings is continued.")
    Path db;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Training images: a directory of IDX files (e.g. /usr/share/datasets/fashion-mnist) or a "
                    + "CSV file (default: the embedded Fashion-MNIST subset).")
    Path data;

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

    @Option(names = "--trial-time-limit", paramLabel = "MINUTES",
            description = "A trial still training after this many minutes fails, and the search goes on.")
    Double trialTimeLimit;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Failures failures = new Failures();
        commandLine.setExecutionExceptionHandler(failures);
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            // Out of memory or stack outside a trial (which fails on its own): reported like any other failure.
            return failures.handleExecutionException(new IllegalStateException(e.toString(), e), commandLine,
                    null);
        }
    }

    @Override
    public Integer call() {
        if (space == null) {
            throw new IllegalArgumentException("give the search space to search: --space FILE (see --help)");
        }
        if (trialTimeLimit != null && !(trialTimeLimit > 0)) {
            throw new IllegalArgumentException("--trial-time-limit must be positive, got " + trialTimeLimit);
        }
        SpaceSource source = SpaceSource.read(space);
        SearchSettings settings = new SearchSettings(source,
                SearchSettings.controller(Optional.ofNullable(controller), source), seed, budget,
                Optional.ofNullable(epochs), Optional.ofNullable(data), validation, Optional.ofNullable(objective),
                maxFailures, Optional.ofNullable(trialTimeLimit).map(m -> Duration.ofMillis(Math.round(m * 60_000))),
                db != null ? StudyFiles.of(db) : SearchSettings.defaultStudy(source));
        return exitCode(new SearchRun(settings, System.out).run(Main::quit));
    }

    static int exitCode(Search.Ending ending) {
        return ending == Search.Ending.DONE ? DONE : STOPPED;
    }

    /** Ends the process at once, as a second Ctrl-C asks: the study is consistent at its last recorded epoch. */
    static void quit() {
        Runtime.getRuntime().halt(STOPPED);
    }

    static final class ControllerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ControllerSpec.PRESETS.iterator();
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nas " + Version.nas(), "Java " + Runtime.version()};
        }
    }
}
