package dev.nas.runs.cli;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.scoring.Compression;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.core.trial.Trial;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.runs.export.Manifest;
import dev.nas.runs.export.TrialExport;
import dev.nas.runs.output.Output;
import dev.nas.runs.storage.H2StudyLocation;
import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports trials for deployment: the trained network as a DL4J model zip, its architecture as a one-candidate
 * space, its key and a manifest. The network is the search's own (its checkpoint), or, with --retrain-epochs, the
 * candidate trained again from scratch on every training image and then scored once on the test images: the only
 * place nas reads a test set.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exports a trial (or every Pareto front member) for deployment: model.zip (a DL4J model, loads",
            "with ModelSerializer alone), architecture.yaml (a one-candidate space nas reads back), candidate.key and",
            "manifest.json (metrics, latency and how it was measured, compression, seeds, data, versions)."})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--trial", paramLabel = "N", description = "The trial to export.")
    Integer trial;

    @Option(names = "--front", description = "Export every Pareto front member, each in DIR/trial-N.")
    boolean front;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write; it must not exist or be empty.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it holds an earlier export.")
    boolean force;

    @Option(names = "--baseline", paramLabel = "N",
            description = "Trial to measure compression and speed-up against (default: the largest network).")
    Integer baseline;

    @Option(names = "--retrain-epochs", paramLabel = "E",
            description = "Train the candidate again from scratch on every training image for E epochs, and report "
                    + "its accuracy on the test images.")
    Integer retrainEpochs;

    @Option(names = "--data", paramLabel = "PATH",
            description = "With --retrain-epochs: the study's training data (default: the embedded subset); its "
                    + "SHA-256 must be the study's.")
    Path data;

    @Option(names = "--test", paramLabel = "PATH",
            description = "With --retrain-epochs: test images (default: the t10k IDX files beside --data, or the "
                    + "embedded test subset).")
    Path test;

    @Override
    public Integer call() throws IOException {
        if ((trial == null) == !front) {
            throw new IllegalArgumentException("give either --trial N or --front");
        }
        if (retrainEpochs != null && retrainEpochs < 1) {
            throw new IllegalArgumentException("--retrain-epochs must be positive, got " + retrainEpochs);
        }
        if (retrainEpochs == null && (data != null || test != null)) {
            throw new IllegalArgumentException("--data and --test are for --retrain-epochs");
        }
        H2StudyLocation.Snapshot stored = study.read();
        StudySpec spec = stored.spec();
        List<Trial> trials = stored.trials();
        List<Trial> chosen = front ? spec.front(trials) : List.of(find(trials, trial));
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("the study has no Pareto front yet: no trial has completed at full "
                    + "fidelity");
        }
        Optional<Trial> base = Compression.baseline(trials,
                baseline == null ? OptionalInt.empty() : OptionalInt.of(baseline));
        Output folder = new Output("--out", out, force);
        folder.checkFolder();
        Checkpoints checkpoints = new Checkpoints(stored.files().checkpoints());
        FreshTraining retraining = retrainEpochs == null ? null : FreshTraining.read(this, spec);
        if (retraining == null) {
            checkCheckpoints(spec, chosen, checkpoints);
        }
        TrialExport export = new TrialExport(stored.files().toString(), spec, trials, stored.provenance(), base);
        List<String> written = new ArrayList<>();
        try {
            folder.writeFolder(building -> {
                for (Trial t : chosen) {
                    Path directory = Files.createDirectories(front ? building.resolve("trial-" + t.number())
                            : building);
                    Path model = directory.resolve(TrialExport.MODEL);
                    Manifest manifest;
                    if (retraining == null) {
                        checkpoints.copy(t.number(), spec.space(), t.candidate(), model);
                        manifest = export.write(t, directory, t.fidelity(), null);
                    } else {
                        manifest = export.write(t, directory, retrainEpochs, retraining.train(spec.space(), t, model));
                    }
                    written.add("nas: trial " + t.number() + " -> " + out.resolve(building.relativize(directory))
                            .normalize() + ": " + summary(manifest));
                }
            });
        } catch (RetrainingFailed e) {
            System.err.println("nas: " + e.getMessage() + "; nothing was exported");
            return Main.STOPPED;
        }
        written.forEach(System.out::println);
        return Main.DONE;
    }

    private static String summary(Manifest m) {
        String scores = String.format("validation accuracy %.1f%%, latency %.3f ms, %,d params", m.metrics()
                .validationAccuracy() * 100, m.latency().medianMs(), m.metrics().params());
        String compression = m.compression() == null ? "" : String.format(", %.2fx smaller and %.2fx faster than "
                + "trial %d", m.compression().rate(), m.compression().speedUp(), m.compression().baselineTrial());
        String model = m.retraining() == null ? "the search's network (" + m.model().epochs() + " epochs)"
                : String.format("retrained %d epochs, test accuracy %.1f%%", m.retraining().epochs(),
                m.retraining().testAccuracy() * 100);
        return model + "; " + scores + compression;
    }

    private static Trial find(List<Trial> trials, int number) {
        Trial t = trials.stream().filter(x -> x.number() == number).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--trial: the study has no trial " + number + " (it has "
                        + (trials.isEmpty() ? "none" : "0 to " + (trials.size() - 1)) + ")"));
        if (t.evaluation().isEmpty()) {
            throw new IllegalArgumentException("--trial: trial " + number + " did not complete (it is "
                    + t.state().name().toLowerCase(Locale.ROOT) + (t.outcome().orElse(null) instanceof Failed f
                    ? ": " + f.reason() : "") + "); there is no model to export");
        }
        return t;
    }

    /** Every checkpoint needed, before anything is written; a study scored from a table never trained any. */
    private static void checkCheckpoints(StudySpec spec, List<Trial> chosen, Checkpoints checkpoints) {
        if (spec.data().description().startsWith("tabular benchmark")) {
            throw new IllegalArgumentException("the study scored its candidates from a " + spec.data().description()
                    + ": nothing was trained, so there are no weights to export. Add --retrain-epochs E to train "
                    + "the candidate now (on the embedded data, or --data PATH) and export that.");
        }
        List<String> missing = chosen.stream().map(t -> checkpoints.file(t.number()))
                .filter(f -> !Files.isRegularFile(f)).map(f -> f.toAbsolutePath().toString()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no trained network at " + String.join(", ", missing)
                    + " (searches keep one per trial beside the study database; was it moved or deleted?). Add "
                    + "--retrain-epochs E to train the candidate again from scratch and export that.");
        }
    }

    /** Retraining a candidate for export failed: the export stops with nothing written. */
    private static final class RetrainingFailed extends RuntimeException {

        RetrainingFailed(String message) {
            super(message);
        }
    }

    /** Training again for deployment: every training image, then one score on the test images. */
    private record FreshTraining(int epochs, Dataset train, Dataset test) {

        static FreshTraining read(ExportCommand options, StudySpec spec) {
            SearchSpace space = spec.space();
            Dataset train = (options.data == null ? Dataset.embedded() : Dataset.load(options.data, space.input()))
                    .checkFits(space.input(), space.classes());
            boolean table = spec.data().description().startsWith("tabular benchmark");
            if (!table && !train.sha256().equals(spec.data().sha256())) {
                throw new IllegalArgumentException("--data: the study was trained on " + spec.data() + "; "
                        + train.description() + " has SHA-256 " + train.sha256() + ". Give the study's data.");
            }
            Path testPath = options.test != null ? options.test : options.data;
            if (options.test == null && options.data != null && !Files.isDirectory(options.data)) {
                throw new IllegalArgumentException("--test: " + options.data + " is a file, with no test images "
                        + "beside it; give the test images with --test PATH");
            }
            Dataset test = (testPath == null ? Dataset.embeddedTest() : Dataset.loadTest(testPath, space.input()))
                    .checkFits(space.input(), space.classes());
            return new FreshTraining(options.retrainEpochs, train, test);
        }

        /** Trains {@code trial}'s candidate into {@code model}. */
        Manifest.Retraining train(SearchSpace space, Trial trial, Path model) throws IOException {
            Path scratch = Files.createTempDirectory(model.getParent(), ".training");
            try {
                // The test images stand where validation images would: scored after each epoch, but only the
                // last figure is reported, and nothing is chosen by it.
                Dl4jEvaluator evaluator = new Dl4jEvaluator(space, new Split(train.train(), test.train()),
                        Optional.of(new Checkpoints(scratch)));
                System.out.printf("nas: training trial %d's candidate from scratch on %,d images for %d epoch(s)%n",
                        trial.number(), train.train().size(), epochs);
                TrainingResult result = evaluator.train(new TrainingRequest(trial.number(), trial.candidate(), epochs,
                        trial.seed()), e -> System.out.printf("  epoch %d/%d: training loss %.4f (%.0f s)%n",
                        e.epoch(), epochs, e.trainLoss(), e.seconds()), () -> false);
                if (result instanceof Failed failed) {
                    throw new RetrainingFailed("retraining trial " + trial.number() + " failed: " + failed.reason());
                }
                Trained trained = (Trained) result; // never Stopped: nothing asks it to stop
                Files.move(new Checkpoints(scratch).file(trial.number()), model);
                return new Manifest.Retraining(epochs, trial.seed(), train.train().size(),
                        test.train().size(), trained.epochs().get(trained.epochs().size() - 1).validationAccuracy(),
                        test.description(), test.sha256(), trained.seconds());
            } finally {
                try (Stream<Path> files = Files.list(scratch)) {
                    for (Path f : new ArrayList<>(files.toList())) {
                        Files.delete(f);
                    }
                }
                Files.delete(scratch);
            }
        }
    }
}
