package dev.nas.latency.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.Timing;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictors trained on latencies made up by a known rule, judged on architectures they never saw. */
class PredictorTrainingTest {

    private static final SearchSpace MOBILE = Spaces.shipped("mobile");
    private static final List<Candidate> CANDIDATES = LatencySheet.sample(MOBILE, 200, 11);

    @TempDir
    Path directory;

    /** Trains on the first 150 candidates, reports on the last 50. */
    private static PredictionReport heldOut(LatencyPredictor.Bound predictor, ToDoubleFunction<Candidate> truth) {
        List<Candidate> test = CANDIDATES.subList(150, 200);
        return PredictionReport.of(test.stream().mapToDouble(truth).toArray(),
                test.stream().mapToDouble(predictor::latencyMs).toArray());
    }

    private static List<MeasuredNetwork> training(ToDoubleFunction<Candidate> truth) {
        return CANDIDATES.subList(0, 150).stream().map(c -> new MeasuredNetwork(c, truth.applyAsDouble(c))).toList();
    }

    @Test
    void learnsLatencyFromMultiplyAccumulatesAlone() {
        ToDoubleFunction<Candidate> truth = c -> 0.5 + 4e-7 * Cost.of(NetworkPlan.of(MOBILE, c)).macs();
        Features features = new Features(MOBILE, Optional.empty());
        PredictorTraining.Result result = PredictorTraining.train(features, training(truth), 3, 1, "synthetic");
        PredictionReport report = heldOut(result.predictor().bind(MOBILE), truth);
        assertTrue(report.within10() >= 0.95 && report.kendallTau() >= 0.9, report.toString());
        assertEquals(2, result.crossValidated().size(), "both kinds were cross-validated");
    }

    @Test
    void correctsALookupTableForWhatItCannotSee() {
        // Layers cost 0.02 ms plus 20 ns per multiply-accumulate alone; in a network, squeeze-and-excitation costs
        // a further 0.03 ms per layer, which the table does not see, over a 0.3 ms overhead.
        Map<LayerKey, Timing> rows = new LinkedHashMap<>();
        for (LayerKey layer : LayerKey.distinct(MOBILE)) {
            rows.put(layer, new Timing(0.02 + 2e-5 * Cost.of(layer.spec()).macs() / 1000, 0, 60));
        }
        LookupTable table = new LookupTable(rows);
        ToDoubleFunction<Candidate> truth = c -> {
            NetworkPlan plan = NetworkPlan.of(MOBILE, c);
            long excited = plan.layers().stream().filter(l -> l.squeezeChannels() > 0).count();
            return 0.3 + table.sum(plan) + 0.03 * excited;
        };
        Features features = new Features(MOBILE, Optional.of(FittedTable.fit(table, MOBILE, training(truth))));
        LatencyPredictor predictor = PredictorTraining.train(features, training(truth), 3, 1, "synthetic")
                .predictor();

        PredictionReport corrected = heldOut(predictor.bind(MOBILE), truth);
        assertTrue(corrected.within5() >= 0.95 && corrected.kendallTau() >= 0.95, corrected.toString());

        Path file = directory.resolve("predictor.ser");
        predictor.write(file);
        LatencyPredictor.Bound read = LatencyPredictor.read(file).bind(MOBILE);
        for (Candidate candidate : CANDIDATES.subList(150, 160)) {
            assertEquals(predictor.bind(MOBILE).latencyMs(candidate), read.latencyMs(candidate), 1e-12,
                    "a saved predictor predicts as before");
        }
    }

    @Test
    void aPredictorRefusesAnotherSpace() {
        ToDoubleFunction<Candidate> truth = c -> 1 + c.blocks().get(0).filters() / 100.0;
        LatencyPredictor predictor = PredictorTraining.fit(PredictorTraining.Kind.RANDOM_FOREST,
                new Features(MOBILE, Optional.empty()), training(truth), 1, "synthetic", null);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> predictor.bind(Spaces.shipped("tiny")));
        assertTrue(e.getMessage().contains("trained for space 'mobile'"), e.getMessage());
    }

    @Test
    void theSameSamplesAndSeedGiveTheSameModelWhateverWasFittedBefore() {
        ToDoubleFunction<Candidate> truth = c -> 0.5 + 4e-7 * Cost.of(NetworkPlan.of(MOBILE, c)).macs()
                + 0.1 * c.blocks().get(2).op().kernel();
        Features features = new Features(MOBILE, Optional.empty());
        List<MeasuredNetwork> few = training(truth).subList(0, 20);
        for (PredictorTraining.Kind kind : PredictorTraining.Kind.values()) {
            List<Double> first = predictions(PredictorTraining.fit(kind, features, few, 3, "synthetic", null));
            // Fits in between leave Smile's per-thread generators in other states.
            PredictorTraining.fit(PredictorTraining.Kind.RANDOM_FOREST, features, training(truth), 8, "other", null);
            PredictorTraining.fit(PredictorTraining.Kind.GRADIENT_BOOSTING, features, training(truth), 9, "other",
                    null);
            assertEquals(first, predictions(PredictorTraining.fit(kind, features, few, 3, "synthetic", null)),
                    kind.token());
        }
    }

    private static List<Double> predictions(LatencyPredictor predictor) {
        LatencyPredictor.Bound bound = predictor.bind(MOBILE);
        return CANDIDATES.subList(150, 200).stream().map(bound::latencyMs).toList();
    }

    @Test
    void foldsAreSeededAndBalanced() {
        int[] folds = PredictorTraining.folds(10, 3, 4);
        assertEquals(java.util.Arrays.toString(folds), java.util.Arrays.toString(PredictorTraining.folds(10, 3, 4)));
        assertEquals(4, java.util.Arrays.stream(folds).filter(f -> f == 0).count());
        assertEquals(3, java.util.Arrays.stream(folds).filter(f -> f == 2).count());
    }


    @Test
    void savedPredictorsOfEveryKindReadBackAndNothingElseIsBuilt() throws Exception {
        ToDoubleFunction<Candidate> truth = c -> 1 + c.blocks().get(0).filters() / 100.0;
        for (PredictorTraining.Kind kind : PredictorTraining.Kind.values()) {
            LatencyPredictor predictor = PredictorTraining.fit(kind, new Features(MOBILE, Optional.empty()),
                    training(truth), 1, "synthetic", null);
            Path file = directory.resolve(kind.token() + ".ser");
            predictor.write(file);
            Candidate candidate = CANDIDATES.get(170);
            assertEquals(predictor.bind(MOBILE).latencyMs(candidate),
                    LatencyPredictor.read(file).bind(MOBILE).latencyMs(candidate), 1e-12, kind.token());
        }

        // A file naming a class outside the predictor's (here one that touches the file system when built) is
        // refused before any of it is made, as a gadget chain would be.
        Path hostile = directory.resolve("hostile.ser");
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(Files.newOutputStream(hostile))) {
            out.writeObject(new java.util.ArrayList<>(List.of(new java.io.File("/etc/shadow"))));
        }
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LatencyPredictor.read(hostile));
        assertTrue(refused.getMessage().startsWith(hostile + " is not a predictor this version of nas saved ("),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("REJECTED"), refused.getMessage());

        Path text = Files.writeString(directory.resolve("notes.ser"), "not serialised at all");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LatencyPredictor.read(text)).getMessage().startsWith(text + " is not a predictor"));
    }
}
