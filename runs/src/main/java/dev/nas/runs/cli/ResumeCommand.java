package dev.nas.runs.cli;

import dev.nas.runs.app.SearchRun;
import dev.nas.runs.storage.StudyAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nas resume}: continues a study with the settings stored in it, without repeating them. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Continues a study where it stopped, with the space, controller, seed, data and options it "
            + "was started with:", "finished trials are kept, the trial in flight continues from its last epoch."})
final class ResumeCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "STUDY", required = true,
            description = "The study: PATH of its file PATH.mv.db (e.g. runs/night), or "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE (where it works as one more worker).")
    String db;

    @Option(names = "--budget", paramLabel = "N",
            description = "A new budget, in full trainings (default: the study's).")
    Double budget;

    @Override
    public Integer call() {
        return Main.exitCode(SearchRun.resume(StudyAddress.of(db), Optional.ofNullable(budget), System.out)
                .run(Main::quit));
    }
}
