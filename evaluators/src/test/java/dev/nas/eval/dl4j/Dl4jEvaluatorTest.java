package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Trained;
import dev.nas.core.trial.TrainingResult;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.yaml.SpaceLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
                .train(new TrainingRequest(0, candidate, 3, 7), reported::add);
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
        Trained a = (Trained) evaluator.train(new TrainingRequest(0, candidate, 1, 3), e -> { });
        Trained b = (Trained) evaluator.train(new TrainingRequest(0, candidate, 1, 3), e -> { });
        assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 1e-6);
        assertEquals(a.accuracy(), b.accuracy());
    }

    @Test
    void aDivergingCandidateIsAFailureWithItsReason() {
        SearchSpace hot = SpaceLoader.parse("""
                input: {height: 28, width: 28, channels: 1}
                classes: 10
                stem: {filters: 8, stride: 2}
                blocks:
                  - {stride: 2, op: conv, filters: 8, layers: 1, skip: none}
                head: {filters: 16}
                training: {learning_rate: 1.0e+12, optimizer: sgd, batch_size: 64}
                """, "hot.yaml");
        Candidate candidate = hot.codec().sample(new java.util.SplittableRandom(1));
        TrainingResult result = new Dl4jEvaluator(hot, small).train(new TrainingRequest(0, candidate, 2, 1), e -> { });
        Failed failed = assertInstanceOf(Failed.class, result);
        assertTrue(failed.reason().startsWith("diverged: loss "), failed.reason());
    }
}
