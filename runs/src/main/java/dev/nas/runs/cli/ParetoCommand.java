package dev.nas.runs.cli;

import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.export.Table;
import dev.nas.runs.storage.StudySnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pareto", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the Pareto front over the space's objectives: one row per front member, best first in",
            "the first objective after accuracy (fastest first, for latency), with its architecture in words and its",
            "key, accuracy, latency, parameters, multiply-accumulates, reward and every other objective's value",
            "(memory_bytes, size_bytes, a table's columns). CSV and JSON name every objective with its unit and",
            "direction in the column 'objectives'; the table says it once, below."})
final class ParetoCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Format format;

    @Override
    public Integer call() {
        StudySnapshot stored = study.read();
        Table front = StudyTables.front(stored.spec(), stored.trials());
        if (format == Format.TABLE) {
            System.out.print(front.without(StudyTables.OBJECTIVES).write(format));
            System.out.println("objectives: " + StudyTables.describe(stored.spec().objective()));
        } else {
            System.out.print(front.write(format));
        }
        return Main.DONE;
    }
}
