package dev.nas.latency.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.LatencySheet;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.OpType;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new device whose latency is a monotone distortion of a known device's, with 3% noise: transferring from the
 * known device's predictor, ten networks are enough to rank unseen ones, where trees on ten networks are not.
 */
class TransferTrainingTest {

    private static final SearchSpace MOBILE = Spaces.shipped("mobile");
    private static final List<Candidate> CANDIDATES = LatencySheet.sample(MOBILE, 400, 5);
    private static final Features FEATURES = new Features(MOBILE, Optional.empty());
    /**
     * The known device: multiply-accumulates cost little next to each layer's overhead, depthwise layers and
     * squeeze-and-excitation cost extra; what a network's total costs do not tell.
     */
    private static final ToDoubleFunction<Candidate> SOURCE = candidate -> {
        NetworkPlan plan = NetworkPlan.of(MOBILE, candidate);
        return 0.2 + 2e-9 * Cost.of(plan).macs() + plan.layers().stream().mapToDouble(layer -> 0.03
                + (layer.op().type() == OpType.DWCONV ? 0.05 : 0) + (layer.squeezeChannels() > 0 ? 0.08 : 0)).sum();
    };
    /** The new device: slower, with its own curve, and noisy as measurements are. */
    private static final ToDoubleFunction<Candidate> TARGET = candidate -> {
        double noise = 1 + 0.03 * (new SplittableRandom(candidate.key().hashCode()).nextDouble() * 2 - 1);
        return 3 * Math.pow(SOURCE.applyAsDouble(candidate), 1.3) * noise;
    };

    private static LatencyPredictor source;

    @TempDir
    Path directory;

    @BeforeAll
    static void knownDevice() {
        source = PredictorTraining.fit(PredictorTraining.Kind.GRADIENT_BOOSTING, FEATURES,
                measured(CANDIDATES.subList(200, 400), SOURCE), 1, "known", null);
    }

    private static List<MeasuredNetwork> measured(List<Candidate> candidates, ToDoubleFunction<Candidate> truth) {
        return candidates.stream().map(c -> new MeasuredNetwork(c, truth.applyAsDouble(c))).toList();
    }

    /** Networks 100 to 199, which neither device's training saw. */
    private static PredictionReport unseen(LatencyPredictor predictor) {
        LatencyPredictor.Bound bound = predictor.bind(MOBILE);
        List<Candidate> test = CANDIDATES.subList(100, 200);
        return PredictionReport.of(test.stream().mapToDouble(TARGET).toArray(),
                test.stream().mapToDouble(bound::latencyMs).toArray());
    }

    @Test
    void transferFromTenNetworksRanksUnseenNetworksBetterThanTreesOnThem() {
        List<MeasuredNetwork> ten = measured(CANDIDATES.subList(0, 10), TARGET);
        PredictionReport without = unseen(PredictorTraining.train(FEATURES, ten, 3, 1, "new").predictor());
        LatencyPredictor transferred = TransferTraining.train(FEATURES, List.of(source), ten, 5, 1, "new")
                .predictor();
        PredictionReport with = unseen(transferred);

        assertTrue(with.kendallTau() >= 0.85 && with.kendallTau() > without.kendallTau() + 0.1,
                "with transfer " + with + "\nwithout " + without);
        assertTrue(with.mape() < without.mape(), "with transfer " + with + "\nwithout " + without);
        assertEquals("transfer from known", transferred.label(), "ten networks are too few for trees");
        assertEquals(10, transferred.samples());
    }

    @Test
    void theCostsAloneFitAPowerLawOfMultiplyAccumulatesFromSixNetworksAndTooFewAreRefused() {
        ToDoubleFunction<Candidate> power = c -> 0.5 * Math.pow(Cost.of(NetworkPlan.of(MOBILE, c)).macs() / 1e6, 0.7);
        LatencyPredictor costs = TransferTraining.train(FEATURES, List.of(), measured(CANDIDATES.subList(0, 6),
                power), 5, 1, "new").predictor();
        assertEquals("costs alone", costs.label());
        LatencyPredictor.Bound bound = costs.bind(MOBILE);
        for (Candidate candidate : CANDIDATES.subList(100, 200)) {
            assertEquals(power.applyAsDouble(candidate), bound.latencyMs(candidate),
                    0.05 * power.applyAsDouble(candidate), candidate.key());
        }

        BadInput tooFew = assertThrows(BadInput.class, () -> TransferTraining.train(FEATURES, List.of(source),
                measured(CANDIDATES.subList(0, 5), TARGET), 5, 1, "new"));
        assertEquals("a few-shot predictor needs at least 6 measured networks, got 5", tooFew.getMessage());
    }

    @Test
    void withThirtyNetworksTreesMayCorrectTheTransferAndTheSavedPredictorCarriesItsSource() {
        PredictorTraining.Result result = TransferTraining.train(FEATURES, List.of(source),
                measured(CANDIDATES.subList(0, 30), TARGET), 5, 1, "new");
        assertEquals(List.of("transfer from known", "transfer from known + gbm", "transfer from known + forest", "gbm",
                "forest"), List.copyOf(result.crossValidated().keySet()), "each is cross-validated, trees without the "
                + "transfer too");
        LatencyPredictor predictor = result.predictor();
        assertEquals(List.of("known"), predictor.transfer().orElseThrow().sources());

        Path file = directory.resolve("predictor-mobile.ser");
        predictor.write(file);
        LatencyPredictor read = LatencyPredictor.read(file);
        assertEquals(predictor.label(), read.label());
        for (Candidate candidate : CANDIDATES.subList(100, 120)) {
            assertEquals(predictor.bind(MOBILE).latencyMs(candidate), read.bind(MOBILE).latencyMs(candidate), 1e-12,
                    "a saved few-shot predictor predicts as before, its source inside it");
        }
    }
}
