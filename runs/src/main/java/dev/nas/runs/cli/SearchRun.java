package dev.nas.runs.cli;

import dev.nas.core.controller.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.search.Search;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.runs.storage.H2Storage;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One search from the command line: checks every input before touching the study database, creates or continues
 * the study, wires DL4J training and the latency worker to it, and runs it to the end of the budget.
 */
final class SearchRun {

    private final Main options;
    private final PrintStream out = System.out;

    SearchRun(Main options) {
        this.options = options;
    }

    int run() {
        String yaml = read(options.space);
        SearchSpace space = SpaceLoader.parse(yaml, options.space.toString());
        Controllers.create(options.controller);
        if (options.controller.equals("grid")) {
            space.codec().gridSize();
        }
        if (!(options.budget > 0)) {
            throw new IllegalArgumentException("--budget must be positive, got " + options.budget);
        }
        if (options.epochs != null && options.epochs < 1) {
            throw new IllegalArgumentException("--epochs must be positive, got " + options.epochs);
        }
        if (options.maxFailures < 1) {
            throw new IllegalArgumentException("--max-failures must be positive, got " + options.maxFailures);
        }
        Epochs epochs = options.epochs == null ? space.training().epochs() : Epochs.fixed(options.epochs);
        Path db = options.db != null ? options.db : Path.of("studies", space.name());
        String name = H2Storage.file(db).getFileName().toString().replace(".mv.db", "");
        Scoring scoring = options.objective == null ? Scoring.training(options, space, yaml, db)
                : Scoring.table(options.objective, space);
        StudySpec spec = new StudySpec(name, space, yaml, options.space.toString(), options.controller, options.seed,
                options.budget, epochs, scoring.data());

        try (H2Storage storage = openOrCreate(db, spec);
             LatencyModel latency = scoring.latency().get()) {
            Study study = new Study(storage.spec(), storage, Controllers.create(options.controller),
                    InstantSource.system());
            for (Trial trial : storage.trials()) {
                if (trial.state() == TrialState.RUNNING) {
                    study.tell(trial, new Failed("interrupted: the search process ended while it ran", List.of()));
                }
            }
            out.printf("nas: space '%s' (%s), %d searched dimensions, %s search, seed %d%n", space.name(),
                    options.space, space.codec().dimensions().size(), options.controller, options.seed);
            out.printf("nas: budget %s full trainings of %s epoch(s); %s%n", StudyStatus.number(options.budget),
                    epochs, scoring.description());
            out.printf("nas: study database %s%n", storage.file());
            Search.Result result = new Search(study, scoring.evaluator(), latency,
                    new ProgressPrinter(out, space.objective()), InstantSource.system(), options.maxFailures).run();
            out.println();
            out.println("Pareto front (accuracy against latency):");
            out.print(StudyTables.front(storage.spec(), storage.trials()).write(Format.TABLE));
            out.printf("%nnas: %s. Export the front: java -jar nas.jar pareto --db %s --format csv%n",
                    result.message(), db);
            return result.completed() ? Main.DONE : Main.STOPPED;
        }
    }

    /**
     * What trials are scored by: DL4J training on images with latency measured in the worker process, or a tabular
     * benchmark. Everything is read and checked here, before the study database is touched; the latency worker
     * starts only once the database is open.
     */
    private record Scoring(Evaluator evaluator, Supplier<LatencyModel> latency, DataRef data, String description) {

        static Scoring training(Main options, SearchSpace space, String yaml, Path db) {
            Dataset data = (options.data == null ? Dataset.embedded() : Dataset.load(options.data, space.input()))
                    .checkFits(space.input(), space.classes());
            Split split = Split.stratified(data.train(), options.validation, options.seed);
            // Trained networks live beside the database: controllers continue from them, exports read them.
            Checkpoints checkpoints = new Checkpoints(Path.of(db + ".checkpoints"));
            return new Scoring(new Dl4jEvaluator(space, split, Optional.of(checkpoints)),
                    () -> new WorkerLatency(yaml, options.space.toString()),
                    new DataRef(data.description() + ", " + Math.round(options.validation * 100)
                            + "% held out for validation", data.sha256()),
                    "data: " + data.description() + " (" + split.train().size() + " train / "
                            + split.validation().size() + " validation)");
        }

        static Scoring table(String objective, SearchSpace space) {
            if (!objective.startsWith("table:")) {
                throw new IllegalArgumentException("--objective: unknown objective '" + objective
                        + "' (expected table:CSV)");
            }
            Path file = Path.of(objective.substring("table:".length()));
            TabularBenchmark table = TabularBenchmark.read(file, space);
            TableObjective scores = new TableObjective(table);
            String sha256;
            try {
                sha256 = DigestUtils.sha256Hex(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return new Scoring(scores, () -> scores, new DataRef("tabular benchmark " + file, sha256),
                    "scores: tabular benchmark " + file + " (" + table.rows().size() + " candidates, no training)");
        }
    }

    private static H2Storage openOrCreate(Path db, StudySpec spec) {
        if (!H2Storage.exists(db)) {
            return H2Storage.create(db, spec);
        }
        List<String> differences;
        try (H2Storage stored = H2Storage.openReadOnly(db)) {
            differences = stored.spec().differences(spec);
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the study at " + H2Storage.file(db) + " was made with other "
                    + "settings (stored vs given): " + String.join("; ", differences)
                    + ". Give another --db to start a new study.");
        }
        H2Storage storage = H2Storage.open(db);
        if (storage.spec().budget() != spec.budget()) {
            storage.setBudget(spec.budget());
        }
        return storage;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no space file at " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the space file " + file + ": " + e.getMessage());
        }
    }
}
