package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.search.Search;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.runs.storage.H2Storage;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.commons.codec.digest.DigestUtils;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One search from the command line: checks every input before touching the study database, creates or continues
 * the study, wires DL4J training and the latency worker to it, and runs it to the end of the budget.
 */
final class SearchRun {

    private final RunSettings settings;
    private final PrintStream out = System.out;

    SearchRun(RunSettings settings) {
        this.settings = settings;
    }

    int run() {
        SearchSpace space = SpaceLoader.parse(settings.spaceYaml(), settings.spaceOrigin());
        if (settings.controller() instanceof ControllerSpec.Grid) {
            space.codec().gridSize();
        }
        Epochs epochs = settings.epochsOf(space);
        settings.controller().checkFits(epochs);
        StudyFiles db = StudyFiles.of(settings.db());
        String name = db.name();
        Scoring scoring = settings.objective().isEmpty() ? Scoring.training(settings, space, db)
                : Scoring.table(settings.objective().get(), space, epochs);
        StudySpec spec = new StudySpec(name, space, settings.spaceYaml(), settings.spaceOrigin(),
                settings.controller(), settings.seed(), settings.budget(), epochs, scoring.data());

        try (H2Storage storage = new H2StudyLocation(db).openOrCreate(spec, settings.runOptions());
             LatencyModel latency = scoring.latency().apply(storage)) {
            Study study = new Study(storage.spec(), storage, Controllers.create(storage.spec().controller()),
                    InstantSource.system());
            out.printf("nas: space '%s' (%s), %d searched dimensions, %s search, seed %d%n", space.name(),
                    settings.spaceOrigin(), space.codec().dimensions().size(), settings.controller().describe(),
                    settings.seed());
            out.printf("nas: budget %s full trainings of %s epoch(s); %s%n", StudyStatus.number(settings.budget()),
                    epochs, scoring.description());
            out.printf("nas: study database %s%s%n", storage.files(), study.trials().isEmpty() ? ""
                    : " (continued: " + study.trials().size() + " trials so far)");
            Search search = new Search(study, scoring.evaluator(), latency,
                    new ProgressPrinter(out, space.objective()), InstantSource.system(),
                    new Search.Limits(settings.maxFailures(), settings.trialTimeLimit()));
            // Ctrl-C or a TERM signal asks the search to stop after the current batch, rather than shutting the
            // JVM down under it: the study is closed and the way to continue printed as on any other ending.
            // A second Ctrl-C quits at once; the study is still consistent, at the last recorded epoch.
            AtomicBoolean stopping = new AtomicBoolean();
            SignalHandler handler = signal -> {
                if (stopping.getAndSet(true)) {
                    Runtime.getRuntime().halt(Main.STOPPED);
                }
                System.err.println("nas: stopping after the current batch (Ctrl-C again to quit at once)");
                search.stop();
            };
            Signal.handle(new Signal("INT"), handler);
            Signal.handle(new Signal("TERM"), handler);
            Search.Result result = search.run();
            out.println();
            out.println("Pareto front (accuracy against latency):");
            out.print(StudyTables.front(storage.spec(), storage.trials()).write(Format.TABLE));
            if (result.ending() == Search.Ending.STOPPED) {
                out.printf("%nnas: %s. The study is saved; continue it with: java -jar nas.jar resume --db %s%n",
                        result.message(), db.base());
                return Main.STOPPED;
            }
            out.printf("%nnas: %s. Export the front: java -jar nas.jar pareto --db %s --format csv%n",
                    result.message(), db.base());
            return result.ending() == Search.Ending.DONE ? Main.DONE : Main.STOPPED;
        }
    }

    /**
     * What trials are scored by: DL4J training on images with latency measured in the worker process or predicted
     * for a device, or a tabular benchmark. Everything is read and checked here, before the study database is
     * touched; the latency worker starts, and a device's lookup table is completed, only once the database is open.
     */
    private record Scoring(Evaluator evaluator, Function<H2Storage, LatencyModel> latency, DataRef data,
                           String description) {

        static Scoring training(RunSettings settings, SearchSpace space, StudyFiles db) {
            Dataset data = settings.data().map(path -> Dataset.load(path, space.input())).orElseGet(Dataset::embedded)
                    .checkFits(space.input(), space.classes());
            Split split = Split.stratified(data.train(), settings.validation(), settings.seed());
            // Trained networks live beside the database: controllers continue from them, exports read them.
            Checkpoints checkpoints = new Checkpoints(db.checkpoints());
            SearchLatency.check(space, DeviceProfile.DEFAULT_ROOT);
            return new Scoring(new Dl4jEvaluator(space, split, Optional.of(checkpoints)),
                    storage -> SearchLatency.open(space, settings.spaceYaml(), settings.spaceOrigin(),
                            DeviceProfile.DEFAULT_ROOT, storage, System.out),
                    new DataRef(data.description() + ", " + Math.round(settings.validation() * 100)
                            + "% held out for validation", data.sha256()),
                    "data: " + data.description() + " (" + split.train().size() + " train / "
                            + split.validation().size() + " validation)");
        }

        static Scoring table(String objective, SearchSpace space, Epochs epochs) {
            if (!objective.startsWith("table:")) {
                throw new IllegalArgumentException("--objective: unknown objective '" + objective
                        + "' (expected table:CSV)");
            }
            Path file = Path.of(objective.substring("table:".length()));
            TabularBenchmark table = TabularBenchmark.read(file, space);
            table.checkServes(epochs);
            TableObjective scores = new TableObjective(table);
            String sha256;
            try {
                sha256 = DigestUtils.sha256Hex(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return new Scoring(scores, storage -> scores, new DataRef("tabular benchmark " + file, sha256),
                    "scores: tabular benchmark " + file + " (" + table.rows().size() + " candidates, no training)");
        }
    }

}
