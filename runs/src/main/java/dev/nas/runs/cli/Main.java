package dev.nas.runs.cli;

import dev.nas.core.search.Search;
import dev.nas.runs.Version;
import dev.nas.runs.app.SearchRun;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nas}: searches a space, or, with a subcommand, reads a study. */
@Command(name = "nas", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Searches neural architectures and their training settings for the best trade-offs between accuracy and",
            "latency. Every candidate is trained with Deeplearning4j and its batch-1 latency measured on this machine;",
            "every trial and the Pareto front are kept in a study database: an H2 file, or a PostgreSQL server that",
            "any number of workers on any number of machines share (nas worker).",
            ""},
        subcommands = {StatusCommand.class, ParetoCommand.class, TrialsCommand.class, BenchCommand.class,
            TableCommand.class, CompareCommand.class, ResumeCommand.class, WorkerCommand.class, EnqueueCommand.class,
            ReportCommand.class, ExportCommand.class, LatencyCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar nas.jar --space spaces/mobile.yaml --budget 200",
            "  java -jar nas.jar --space spaces/mobile.yaml --data /usr/share/datasets/fashion-mnist --db runs/night",
            "  java -jar nas.jar resume --db runs/night",
            "  java -jar nas.jar --space spaces/mobile.yaml --db runs/tonight --warm-start runs/night",
            "  java -jar nas.jar enqueue --db runs/tonight --architecture models/shipped/architecture.yaml",
            "  NAS_DB_PASSWORD_FILE=~/.nas-db java -jar nas.jar worker --study jdbc:postgresql://db.lab/night",
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

    @Mixin
    SearchOptions search;

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
        return exitCode(new SearchRun(search.settings(), System.out).run(Main::quit));
    }

    static int exitCode(Search.Ending ending) {
        return ending == Search.Ending.DONE ? DONE : STOPPED;
    }

    /** Ends the process at once, as a second Ctrl-C asks: the study is consistent at its last recorded epoch. */
    static void quit() {
        Runtime.getRuntime().halt(STOPPED);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nas " + Version.nas(), "Java " + Runtime.version()};
        }
    }
}
