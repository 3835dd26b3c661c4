package dev.nas.runs.cli;

import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.storage.StudySnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trials", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints every trial with its state, results, timings, failure reason, origin and candidate key:",
            "the trials a study was warm-started with first (numbered below 0, origin warm start), then its own",
            "(origin queued #N for a candidate taken from its queue)."})
final class TrialsCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Format format;

    @Override
    public Integer call() {
        StudySnapshot stored = study.read();
        System.out.print(StudyTables.trials(stored.spec(), stored.warmStart(), stored.trials(), stored.queue())
                .write(format));
        return Main.DONE;
    }
}
