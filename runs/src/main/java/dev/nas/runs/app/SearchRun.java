package dev.nas.runs.app;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.Queued;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.eval.data.Dataset;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.BadInput;
import dev.nas.space.Epochs;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceSource;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One search, or one worker's share of it: checks every input before touching the study database, creates or
 * continues the study, wires DL4J training and the latency worker to it, and runs it to the end of the budget,
 * printing its progress.
 */
public final class SearchRun {

    private final SearchSettings settings;
    private final PrintStream out;

    public SearchRun(SearchSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** A search continued with the settings stored in the study {@code db}, and another budget if one is given. */
    public static SearchRun resume(StudyAddress db, Optional<Double> budget, PrintStream out) {
        return new SearchRun(db.location().read(storage -> SearchSettings.stored(storage, db, budget)), out);
    }

    /**
     * A worker joining the study at {@code db} with the settings stored in it, this machine's paths, and the space
     * file it was given if any: a study made with other settings or data refuses it.
     */
    public static SearchRun join(StudyAddress db, SearchSettings.Local local, Optional<SpaceSource> space,
                                 PrintStream out) {
        SearchSettings stored = db.location().read(storage -> SearchSettings.stored(storage, db, Optional.empty()));
        return new SearchRun(stored.on(local, space), out);
    }

    /** Runs the search; {@code onQuit} is how a second Ctrl-C ends the process at once. */
    public Search.Ending run(Runnable onQuit) {
        SearchSpace space = settings.space().space();
        if (settings.controller() instanceof ControllerSpec.Grid) {
            space.codec().gridSize();
        }
        Epochs epochs = settings.epochsOf(space);
        settings.controller().checkFits(epochs);
        Scoring scoring = Scoring.of(settings, epochs, out);
        StudySpec spec = new StudySpec(settings.db().name(), space, settings.space().yaml(),
                settings.space().origin(), settings.controller(), settings.seed(), settings.budget(), epochs,
                scoring.data());

        if (settings.prescreen().isPresent() && scoring.proxyImages().isEmpty()) {
            throw new BadInput("--prescreen: a proxy needs images of the space's input, " + space.input()
                    + "; the embedded images, the only ones a table has, are " + Dataset.embedded().train().shape());
        }
        Optional<WarmStartSource> warm = settings.warmStart().map(WarmStartSource::of);
        try (SqlStorage storage = settings.db().location().openOrCreate(spec, settings.runOptions(),
                warm.map(WarmStartSource::identity), identity -> warm.orElseThrow().read(spec, out));
             LatencyModel latency = scoring.latency().apply(storage)) {
            settings.lease().ifPresent(storage::setLease);
            Controller controller = Controllers.create(storage.spec().controller());
            if (settings.prescreen().isPresent()) {
                controller = settings.prescreen().get().around(controller, space, scoring.proxyImages().orElseThrow(),
                        settings.seed());
            }
            Study study = new Study(storage.spec(), storage, controller, InstantSource.system());
            out.printf("nas: space '%s' (%s), %d searched dimensions, %s search, seed %d%n", space.name(),
                    settings.space().origin(), space.codec().dimensions().size(), settings.controller().describe(),
                    settings.seed());
            out.printf("nas: budget %s full trainings of %s epoch(s); %s%n",
                    StudyStatus.number(storage.spec().budget()), epochs, scoring.description());
            out.printf("nas: study database %s%s%n", storage.where(), study.trials().isEmpty() ? ""
                    : " (continued: " + study.trials().size() + " trials so far)");
            if (!study.warmTrials().isEmpty()) {
                out.printf("nas: warm-started from %s: %d trial(s), numbered -%d to -1, known to the controller; "
                        + "not counted in the budget, not on the front%n", storage.warmStartSource().orElseThrow(),
                        study.warmTrials().size(), study.warmTrials().size());
            }
            List<Queued> waiting = Study.waiting(storage.queue(), study.trials());
            if (!waiting.isEmpty()) {
                out.printf("nas: %d queued candidate(s) are tried first, in order: %s%n", waiting.size(),
                        waiting.stream().map(q -> q.candidate().key()).collect(Collectors.joining(", ")));
            }
            TrialTimes times = new TrialTimes(scoring.trainImages());
            Search search = new Search(study, scoring.evaluator(), latency, SearchListener.all(
                    new ProgressPrinter(out, storage.spec().objective()), times), InstantSource.system(),
                    new Search.Limits(settings.maxFailures(), settings.trialTimeLimit(),
                            settings.pruner()));
            stopOnSignals(search, onQuit);
            Search.Result result = search.run();
            if (times.training() > 0) {
                out.println("nas: " + times.summary());
            }
            out.println();
            out.println("Pareto front (over " + StudyTables.describe(storage.spec().objective()) + "):");
            out.print(StudyTables.front(storage.spec(), storage.trials()).without(StudyTables.OBJECTIVES)
                    .write(Format.TABLE));
            String db = settings.db().argument();
            if (result.ending() == Search.Ending.STOPPED) {
                out.printf("%nnas: %s. The study is saved; continue it with: java -jar nas.jar %s%n",
                        result.message(), settings.db() instanceof StudyFiles ? "resume --db " + db
                                : "worker --study " + db);
            } else {
                out.printf("%nnas: %s. Export the front: java -jar nas.jar pareto --db %s --format csv%n",
                        result.message(), db);
            }
            return result.ending();
        }
    }

    /**
     * Ctrl-C or a TERM signal asks the search to stop after the current batch, rather than shutting the JVM down
     * under it: the study is closed and the way to continue printed as on any other ending. A second Ctrl-C quits at
     * once; the study is still consistent, at the last recorded epoch.
     */
    private static void stopOnSignals(Search search, Runnable onQuit) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.getAndSet(true)) {
                onQuit.run();
            }
            System.err.println("nas: stopping after the current batch (Ctrl-C again to quit at once)");
            search.stop();
        };
        Signal.handle(new Signal("INT"), handler);
        Signal.handle(new Signal("TERM"), handler);
    }
}
