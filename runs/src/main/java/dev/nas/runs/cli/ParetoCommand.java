package dev.nas.runs.cli;

import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.storage.StudySnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pareto", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the Pareto front of accuracy against latency: one row per front member, fastest first,",
            "with its architecture in words and its key, accuracy, latency, parameters, multiply-accumulates and",
            "reward."})
final class ParetoCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Format format;

    @Override
    public Integer call() {
        StudySnapshot stored = study.read();
        System.out.print(StudyTables.front(stored.spec(), stored.trials()).write(format));
        return Main.DONE;
    }
}
