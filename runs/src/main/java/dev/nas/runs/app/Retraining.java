package dev.nas.runs.app;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.study.ChannelStats;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.core.trial.Trial;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.dl4j.Checkpoints;
import dev.nas.eval.dl4j.Dl4jEvaluator;
import dev.nas.runs.export.Manifest;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training again for deployment: every training image, then one score on the test images, the only place nas
 * reads a test set.
 *
 * @param epochs epochs to train
 * @param train  the study's own training data (checked by its hash)
 * @param test   the test images
 * @param normalization the study's channel statistics, where its space normalises by them
 */
public record Retraining(int epochs, Dataset train, Dataset test, Optional<ChannelStats> normalization) {

    /** Retraining a candidate failed: whatever it was for stops with nothing written. */
    public static final class Failure extends RuntimeException {

        Failure(String message) {
            super(message);
        }
    }

    /**
     * What retraining is given: {@code data} (default: the embedded subset) must be what the study trained on, and
     * test images are {@code test}, else those beside {@code data}.
     */
    public record Inputs(int epochs, Optional<Path> data, Optional<Path> test) {

        public Inputs {
            if (epochs < 1) {
                throw new BadInput("--retrain-epochs must be positive, got " + epochs);
            }
        }

        /** The data read as the study {@code spec} with {@code runOptions} read it, and checked against it. */
        Retraining read(StudySpec spec, Map<String, String> runOptions, StudyAddress db) {
            return Retraining.of(epochs, data, test, spec, SearchSettings.reading(runOptions, db));
        }
    }

    private static Retraining of(int epochs, Optional<Path> data, Optional<Path> test, StudySpec spec,
                                 Dataset.Reading reading) {
        SearchSpace space = spec.space();
        Dataset train = data.map(path -> Dataset.load(path, space.input(), reading))
                .orElseGet(Dataset::embedded)
                .checkFits(space.input(), space.classes());
        if (spec.data() instanceof DataRef.Images images && !train.sha256().equals(images.sha256())) {
            throw new BadInput("--data: the study was trained on " + images + "; "
                    + train.description() + " has SHA-256 " + train.sha256() + ". Give the study's data.");
        }
        if (test.isEmpty() && data.isPresent() && !Files.isDirectory(data.get())) {
            throw new BadInput("--test: " + data.get() + " is a file, with no test images beside "
                    + "it; give the test images with --test PATH");
        }
        Optional<Path> testPath = test.or(() -> data);
        Dataset testSet = testPath.map(path -> Dataset.loadTest(path, space.input(), reading))
                .orElseGet(Dataset::embeddedTest)
                .checkFits(space.input(), space.classes());
        return new Retraining(epochs, train, testSet, spec.data() instanceof DataRef.Images images
                ? images.normalization() : Optional.empty());
    }

    /** Trains {@code trial}'s candidate into {@code model}, reporting each epoch on {@code out}. */
    public Manifest.Retraining train(SearchSpace space, Trial trial, Path model, PrintStream out) throws IOException {
        Path scratch = Files.createTempDirectory(model.getParent(), ".training");
        try {
            // The test images stand where validation images would: scored after each epoch, but only the last
            // figure is reported, and nothing is chosen by it.
            FolderNetworks networks = new FolderNetworks(scratch);
            ImageSet every = train.all();
            Dl4jEvaluator evaluator = new Dl4jEvaluator(space, new Split(every, test.train()), normalization,
                    Optional.of(new Checkpoints(networks)), Optional.empty());
            out.printf("nas: training trial %d's candidate from scratch on %,d images for %d epoch(s)%n",
                    trial.number(), every.size(), epochs);
            TrainingResult result = evaluator.train(new TrainingRequest(trial.number(), trial.candidate(), epochs,
                    trial.seed()), e -> out.printf("  epoch %d/%d: training loss %.4f (%.0f s)%n", e.epoch(), epochs,
                    e.trainLoss(), e.seconds()), () -> false);
            if (result instanceof Failed failed) {
                throw new Failure("retraining trial " + trial.number() + " failed: " + failed.reason());
            }
            Trained trained = (Trained) result; // never Stopped: nothing asks it to stop
            networks.copyTo(trial.number(), model);
            return new Manifest.Retraining(epochs, trial.seed(), every.size(), test.train().size(),
                    trained.epochs().get(trained.epochs().size() - 1).validationAccuracy(), test.description(),
                    test.sha256(), trained.seconds());
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
