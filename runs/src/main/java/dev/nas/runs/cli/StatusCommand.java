package dev.nas.runs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.storage.StudySnapshot;
import dev.nas.space.BadInput;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a study's settings, its trials by state, the budget spent and left, the best trial so",
            "far and the size of the Pareto front. With --watch, again every few seconds while a search runs on it."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--watch", description = "Refresh until the budget is spent and no trial runs (or Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "10",
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    double interval;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new BadInput("--format must be text or json, got '" + format + "'");
        }
        if (watch && !(interval > 0)) {
            throw new BadInput("--interval must be positive, got " + interval);
        }
        boolean terminal = System.console() != null;
        while (true) {
            StudySnapshot stored = study.read();
            StudyStatus status = StudyStatus.of(stored.where(), stored.spec(), stored.trials(),
                    stored.workers(), stored.warmStart(), stored.queue());
            if (watch && terminal) {
                System.out.print("\033[H\033[2J");
            }
            System.out.print(format.equals("json")
                    ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status) + "\n"
                    : status.text());
            boolean finished = status.budgetLeft() == 0 && status.trialsByState().running() == 0;
            if (!watch || finished) {
                return Main.DONE;
            }
            System.out.printf("%s  next refresh in %s s; Ctrl-C to stop%n%n",
                    LocalTime.now().truncatedTo(ChronoUnit.SECONDS), StudyStatus.number(interval));
            System.out.flush();
            Thread.sleep(Math.round(interval * 1000));
        }
    }
}
