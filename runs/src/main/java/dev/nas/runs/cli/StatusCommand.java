package dev.nas.runs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.storage.H2Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a study's settings, its trials by state, the budget spent and left, the best trial so",
            "far and the size of the Pareto front."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
        }
        try (H2Storage storage = study.open()) {
            StudyStatus status = StudyStatus.of(storage.file().toString(), storage.spec(), storage.trials());
            System.out.print(format.equals("json")
                    ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status) + "\n"
                    : status.text());
        }
        return Main.DONE;
    }
}
