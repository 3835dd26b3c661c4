package dev.nas.runs.cli;

import dev.nas.runs.app.SearchRun;
import dev.nas.runs.app.SearchSettings;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.space.yaml.SpaceSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nas worker}: one more worker on a study, from any machine, at any time. */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Joins a study and runs its trials until the budget is spent, beside any number of other",
            "workers on any machines: each claims the next trial in turn, and a trial whose worker died is taken",
            "over from its last epoch. The study's settings are its own; this machine gives only its paths, each",
            "checked against the study (data by SHA-256). A study on a PostgreSQL server takes many workers; a",
            "study file one at a time."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--study", paramLabel = "STUDY", required = true,
            description = "The study: jdbc:postgresql://HOST[:PORT]/DATABASE (password from NAS_DB_PASSWORD, "
                    + "NAS_DB_PASSWORD_FILE or ~/.pgpass), or PATH of a study file.")
    String study;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Where this machine has the study's training images (default: the path the study was "
                    + "made with).")
    Path data;

    @Option(names = "--objective", paramLabel = "table:CSV",
            description = "Where this machine has the study's tabular benchmark (default: the study's path).")
    String objective;

    @Option(names = "--space", paramLabel = "FILE",
            description = "The space file this worker was meant for: refused unless it is the study's.")
    Path space;

    @Option(names = "--networks", paramLabel = "DIR",
            description = "Where this machine mounts the study's shared folder of trained networks, if it has one.")
    Path networks;

    @Option(names = "--image-cache", paramLabel = "DIR",
            description = "Where this machine decodes the study's image folders to, if not where the study says.")
    Path imageCache;

    @Override
    public Integer call() {
        SearchSettings.Local local = new SearchSettings.Local(Optional.ofNullable(data),
                Optional.ofNullable(objective), Optional.ofNullable(networks), Optional.ofNullable(imageCache));
        return Main.exitCode(SearchRun.join(StudyAddress.of(study), local,
                Optional.ofNullable(space).map(SpaceSource::read), System.out).run(Main::quit));
    }
}
