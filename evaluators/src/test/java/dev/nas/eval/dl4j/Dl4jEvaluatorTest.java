package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.storage.FolderNetworks;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Quantized;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.space.Augmentation;
import dev.nas.space.Candidate;
import dev.nas.space.Hyperparameters;
import dev.nas.space.Optimizer;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dl4jEvaluatorTest {

    private static Split small;

    @BeforeAll
    static void data() {
        small = Split.stratified(Dataset.embedded().train().head(800), 0.25, 1);
    }

    @Test
    void aShortRealTrainingBeatsChance() {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "mbconv_k3_e3_se0.25-identity-16x1/dwconv_k3-identity-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        List<EpochRecord> reported = new ArrayList<>();
        TrainingResult result = new Dl4jEvaluator(tiny, small)
                .train(new TrainingRequest(0, candidate, 3, 7), reported::add, () -> false);
        Trained trained = assertInstanceOf(Trained.class, result, result.toString());
        assertEquals(3, trained.epochs().size());
        assertEquals(trained.epochs(), reported, "every epoch is reported as it ends");
        assertTrue(trained.accuracy() > 0.35, "10 classes: chance is 0.10, got " + trained.accuracy());
        assertTrue(trained.epochs().get(2).trainLoss() < trained.epochs().get(0).trainLoss(), "loss falls");
        assertTrue(trained.imagesPerSecond() > 0);
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "conv_k3-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(tiny, small);
        Trained a = (Trained) evaluator.train(new TrainingRequest(0, candidate, 1, 3), e -> { }, () -> false);
        Trained b = (Trained) evaluator.train(new TrainingRequest(0, candidate, 1, 3), e -> { }, () -> false);
        assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 1e-6);
        assertEquals(a.accuracy(), b.accuracy());
    }

    @Test
    void aDivergingCandidateIsAFailureWithItsReason() {
        SearchSpace hot = oneConvolution("{learning_rate: 1.0e+12, optimizer: sgd, batch_size: 64}");
        Candidate candidate = hot.codec().sample(new java.util.SplittableRandom(1));
        TrainingResult result = new Dl4jEvaluator(hot, small).train(new TrainingRequest(0, candidate, 2, 1), e -> { },
                () -> false);
        Failed failed = assertInstanceOf(Failed.class, result);
        assertTrue(failed.reason().startsWith("diverged: loss "), failed.reason());
    }

    /** Augmented training is reproducible from the seed and trains on other images than plain training. */
    @Test
    void augmentationVariesTheTrainingImagesReproducibly() {
        SearchSpace tiny = SpaceLoader.parse(Spaces.text("tiny").replace("  epochs: 1\n", "  epochs: 1\n  augment: "
                + "{crop: [0, 2], flip: [false, true], cutout: [0, 4]}\n"), "tiny, augmented");
        Candidate plain = tiny.check(Candidate.parse("conv_k3-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        Candidate augmented = tiny.check(new Candidate(plain.blocks(), new Hyperparameters(0.01, 32, Optimizer.ADAM,
                0, new Augmentation(2, true, 4))));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(tiny, small);
        double plainLoss = ((Trained) evaluator.train(new TrainingRequest(0, plain, 1, 3), e -> { }, () -> false))
                .epochs().get(0).trainLoss();
        TrainingResult first = evaluator.train(new TrainingRequest(0, augmented, 1, 3), e -> { }, () -> false);
        Trained a = assertInstanceOf(Trained.class, first, first.toString());
        Trained b = (Trained) evaluator.train(new TrainingRequest(0, augmented, 1, 3), e -> { }, () -> false);
        assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 1e-6);
        assertNotEquals(plainLoss, a.epochs().get(0).trainLoss(), 1e-6);
    }

    /** The quantized model's accuracy is the last thing a trial measures; a network that cannot be quantized fails. */
    @Test
    void aTrainedNetworkIsScoredQuantizedAndAFailureToQuantizeFailsTheTrial() {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "conv_k3-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        Trained scored = assertInstanceOf(Trained.class, new Dl4jEvaluator(tiny, small, Optional.empty(),
                Optional.empty(), Optional.of(network -> new Quantized(0.375, 1000, 3000)))
                .train(new TrainingRequest(0, candidate, 1, 3), e -> { }, () -> false));
        assertEquals(Optional.of(new Quantized(0.375, 1000, 3000)), scored.quantized());
        Quantizer failing = network -> {
            throw new IllegalStateException("int8 quantization failed: no kernel");
        };
        TrainingResult result = new Dl4jEvaluator(tiny, small, Optional.empty(), Optional.empty(),
                Optional.of(failing)).train(new TrainingRequest(0, candidate, 1, 3), e -> { }, () -> false);
        Failed failed = assertInstanceOf(Failed.class, result);
        assertEquals("IllegalStateException: int8 quantization failed: no kernel", failed.reason());
        assertEquals(1, failed.epochs().size(), "the trained epoch is kept");
    }

    @Test
    void aContinuedTrialStartsFromItsParentsWeightsAndOptimiserState(@TempDir Path dir) {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "mbconv_k3_e3-identity-8x1/dwconv_k3-identity-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        Checkpoints checkpoints = new Checkpoints(new FolderNetworks(dir));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(tiny, small, Optional.of(checkpoints));
        Trained parent = (Trained) evaluator.train(new TrainingRequest(4, candidate, 2, 7), e -> { }, () -> false);
        ComputationGraph saved = checkpoints.load(4);

        TrainingRequest next = new TrainingRequest(5, candidate, Optional.of(new Parent(4, 2)), 1, 8);
        ComputationGraph start = evaluator.startingNetwork(next);
        assertEquals(saved.params(), start.params(), "the parent's weights, not a fresh initialisation");
        assertEquals(saved.getUpdater().getStateViewArray(), start.getUpdater().getStateViewArray(),
                "Adam's moments come along");

        List<EpochRecord> reported = new ArrayList<>();
        Trained continued = (Trained) evaluator.train(next, reported::add, () -> false);
        assertEquals(List.of(3), reported.stream().map(EpochRecord::epoch).toList(), "epochs count on");
        assertTrue(continued.accuracy() > parent.epochs().get(0).validationAccuracy() - 0.05,
                "continuing does not start over: " + continued.accuracy() + " after " + parent.epochs());
    }

    @Test
    void anotherLearningRateTakesTheWeightsAndAnotherOptimiserStartsAfresh(@TempDir Path dir) {
        SearchSpace space = oneConvolution(
                "{learning_rate: [0.001, 0.01], optimizer: [adam, nesterov], batch_size: [32, 64]}");
        String architecture = "conv_k3-none-8x1";
        Checkpoints checkpoints = new Checkpoints(new FolderNetworks(dir));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(space, small, Optional.of(checkpoints));
        evaluator.train(new TrainingRequest(0, space.check(Candidate.parse(
                architecture + "|lr=0.01,bs=32,opt=adam,wd=0")), 1, 7), e -> { }, () -> false);
        ComputationGraph saved = checkpoints.load(0);

        ComputationGraph slower = evaluator.startingNetwork(new TrainingRequest(1, space.check(Candidate.parse(
                architecture + "|lr=0.001,bs=64,opt=adam,wd=0")), Optional.of(new Parent(0, 1)), 1, 9));
        assertEquals(saved.params(), slower.params());
        assertEquals(saved.getUpdater().getStateViewArray(), slower.getUpdater().getStateViewArray());

        ComputationGraph nesterov = evaluator.startingNetwork(new TrainingRequest(2, space.check(Candidate.parse(
                architecture + "|lr=0.01,bs=32,opt=nesterov,wd=0")), Optional.of(new Parent(0, 1)), 1, 9));
        assertEquals(saved.params(), nesterov.params());
        assertEquals(0.0, nesterov.getUpdater().getStateViewArray().sumNumber().doubleValue(),
                "momentum starts at zero");
    }

    @Test
    void aParentWithAnotherArchitectureIsAFailedTrial(@TempDir Path dir) {
        SearchSpace tiny = Spaces.shipped("tiny");
        Dl4jEvaluator evaluator = new Dl4jEvaluator(tiny, small, Optional.of(new Checkpoints(new FolderNetworks(dir))));
        evaluator.train(new TrainingRequest(0, tiny.check(Candidate.parse(
                "conv_k3-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0")), 1, 7), e -> { }, () -> false);
        TrainingResult result = evaluator.train(new TrainingRequest(1, tiny.check(Candidate.parse(
                "conv_k5-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0")), Optional.of(new Parent(0, 1)),
                1, 7), e -> { }, () -> false);
        Failed failed = assertInstanceOf(Failed.class, result);
        assertTrue(failed.reason().contains("cannot continue trial 0"), failed.reason());
    }

    @Test
    void aStoppedTrialContinuesFromItsLastEpochAsIfNeverInterrupted(@TempDir Path dir) {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "dwconv_k3-identity-8x1/dwconv_k3-pool-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        Trained whole = (Trained) new Dl4jEvaluator(tiny, small,
                Optional.of(new Checkpoints(new FolderNetworks(dir.resolve("a")))))
                .train(new TrainingRequest(0, candidate, 3, 11), e -> { }, () -> false);

        Dl4jEvaluator interrupted = new Dl4jEvaluator(tiny, small,
                Optional.of(new Checkpoints(new FolderNetworks(dir.resolve("b")))));
        List<EpochRecord> recorded = new ArrayList<>();
        TrainingResult stopped = interrupted.train(new TrainingRequest(0, candidate, 3, 11), recorded::add,
                () -> recorded.size() == 1);
        assertEquals(accuracies(whole.epochs().subList(0, 1)),
                accuracies(assertInstanceOf(Stopped.class, stopped).epochs()));

        List<EpochRecord> continued = new ArrayList<>();
        Trained resumed = (Trained) new Dl4jEvaluator(tiny, small,
                Optional.of(new Checkpoints(new FolderNetworks(dir.resolve("b")))))
                .train(new TrainingRequest(0, candidate, Optional.empty(), 3, 11, recorded), continued::add,
                        () -> false);
        assertEquals(List.of(2, 3), continued.stream().map(EpochRecord::epoch).toList(), "epoch 1 is not retrained");
        assertEquals(accuracies(whole.epochs()), accuracies(resumed.epochs()));
        assertEquals(losses(whole.epochs()), losses(resumed.epochs()));
    }

    @Test
    void withoutItsCheckpointAnInterruptedTrialStartsOver(@TempDir Path dir) {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate candidate = tiny.check(Candidate.parse(
                "conv_k3-none-8x1/skip-none-16x1|lr=0.01,bs=32,opt=adam,wd=0"));
        EpochRecord lost = new EpochRecord(1, 2.0, 0.1, 1.0);
        List<EpochRecord> recorded = new ArrayList<>();
        Trained trained = (Trained) new Dl4jEvaluator(tiny, small,
                Optional.of(new Checkpoints(new FolderNetworks(dir))))
                .train(new TrainingRequest(0, candidate, Optional.empty(), 2, 11, List.of(lost)), recorded::add,
                        () -> false);
        assertEquals(List.of(1, 2), recorded.stream().map(EpochRecord::epoch).toList());
        assertEquals(recorded, trained.epochs());
    }

    @Test
    void aCosineScheduleSlowsOnlyLaterEpochsAndHoldsAcrossAnInterruption(@TempDir Path dir) {
        String training = "{learning_rate: 0.05, optimizer: sgd, batch_size: 32, epochs: 3%s}";
        SearchSpace constant = oneConvolution(training.formatted(""));
        SearchSpace cosine = oneConvolution(training.formatted(", schedule: cosine"));
        Candidate candidate = constant.check(Candidate.parse("conv_k3-none-8x1|lr=0.05,bs=32,opt=sgd,wd=0"));
        Trained flat = (Trained) new Dl4jEvaluator(constant, small).train(new TrainingRequest(0, candidate, 3, 5),
                e -> { }, () -> false);
        Trained decayed = (Trained) new Dl4jEvaluator(cosine, small).train(new TrainingRequest(0, candidate, 3, 5),
                e -> { }, () -> false);
        assertEquals(losses(flat.epochs()).get(0), losses(decayed.epochs()).get(0),
                "the first epoch takes the full rate");
        assertEquals(accuracies(flat.epochs()).get(0), accuracies(decayed.epochs()).get(0));
        assertNotEquals(losses(flat.epochs()).get(1), losses(decayed.epochs()).get(1), "then the rate falls");

        Dl4jEvaluator interrupted = new Dl4jEvaluator(cosine, small,
                Optional.of(new Checkpoints(new FolderNetworks(dir))));
        List<EpochRecord> recorded = new ArrayList<>();
        interrupted.train(new TrainingRequest(0, candidate, 3, 5), recorded::add, () -> recorded.size() == 1);
        Trained resumed = (Trained) interrupted.train(new TrainingRequest(0, candidate, Optional.empty(), 3, 5,
                recorded), e -> { }, () -> false);
        assertEquals(losses(decayed.epochs()), losses(resumed.epochs()),
                "a resumed trial keeps its place on the curve");
    }

    /** A space of one fixed convolution block, trained as {@code training} (a YAML flow mapping) says. */
    private static SearchSpace oneConvolution(String training) {
        return SpaceLoader.parse("""
                input: {height: 28, width: 28, channels: 1}
                classes: 10
                stem: {filters: 8, stride: 2}
                blocks:
                  - {stride: 2, op: conv, filters: 8, layers: 1, skip: none}
                head: {filters: 16}
                training: %s
                """.formatted(training), "one-convolution.yaml");
    }

    private static List<Double> accuracies(List<EpochRecord> epochs) {
        return epochs.stream().map(EpochRecord::validationAccuracy).toList();
    }

    private static List<Double> losses(List<EpochRecord> epochs) {
        return epochs.stream().map(EpochRecord::trainLoss).toList();
    }
}
