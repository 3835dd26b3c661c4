package dev.nas.latency.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device measured elsewhere, 40 networks of the tiny space with latencies made up from their multiply-accumulates:
 * trained with some or none held out, on some of its networks, and its saved predictor judged without the
 * networks it was trained on.
 */
class HoldOutExperimentTest {

    private static final SearchSpace TINY = Spaces.shipped("tiny");

    @TempDir
    Path root;
    private DeviceProfile device;

    @BeforeEach
    void imported() {
        device = DeviceProfile.at(root, "board");
        device.addImported(LatencySheet.sample(TINY, 40, 7).stream().map(c -> new MeasuredNetwork(c,
                0.2 + 2e-6 * Cost.of(NetworkPlan.of(TINY, c)).macs())).toList(), root.resolve("sheet.csv"));
    }

    @Test
    void withNothingHeldOutTheModelIsFittedOnEveryNetwork() {
        HoldOutExperiment all = HoldOutExperiment.run(device, TINY, 0, OptionalInt.empty(), 3, 1);
        assertEquals(List.of(), all.testing());
        assertEquals(List.of(), all.estimates(), "cross-validation alone reports");
        assertEquals(new HashSet<>(all.networks()), new HashSet<>(all.training()));
        assertEquals(40, all.result().training().predictor().samples());
        assertEquals(2, all.result().training().crossValidated().size());
    }

    @Test
    void nNetworksAreTrainedOnAndTheHeldOutOnesDoNotDependOnN() {
        HoldOutExperiment ten = HoldOutExperiment.run(device, TINY, 0.25, OptionalInt.of(10), 3, 1);
        HoldOutExperiment twenty = HoldOutExperiment.run(device, TINY, 0.25, OptionalInt.of(20), 3, 1);
        assertEquals(10, ten.training().size());
        assertEquals(10, ten.result().training().predictor().samples());
        assertEquals(20, twenty.training().size());
        assertEquals(ten.testing(), twenty.testing());
        assertEquals(10, ten.testing().size());
        assertTrue(twenty.training().containsAll(ten.training()), "a learning curve's sets are nested");
        assertEquals(ten.training(), HoldOutExperiment.run(device, TINY, 0.25, OptionalInt.of(10), 3, 1).training(),
                "seeded");

        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> HoldOutExperiment.run(device, TINY, 0.25, OptionalInt.of(31), 3, 1));
        assertEquals("--n must be between 10 and the 30 networks not held out, got 31", tooMany.getMessage());
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
                () -> HoldOutExperiment.run(device, TINY, 1, OptionalInt.empty(), 3, 1));
        assertEquals("--test must be at least 0 and less than 1, got 1.0", whole.getMessage());
    }

    @Test
    void aSavedPredictorIsJudgedWithoutTheNetworksItWasTrainedOn() {
        HoldOutExperiment experiment = HoldOutExperiment.run(device, TINY, 0.25, OptionalInt.empty(), 3, 1);
        experiment.result().training().predictor().write(device.predictorFile(TINY));
        List<LatencySheet.Entry> every = experiment.networks().stream().map(n -> new LatencySheet.Entry(
                n.candidate().key(), n.candidate(), OptionalDouble.of(n.latencyMs()))).toList();

        PredictorCheck sheet = PredictorCheck.run(device, TINY, Optional.of(every));
        assertEquals(30, sheet.dropped());
        assertEquals(experiment.testing().stream().map(n -> n.candidate().key()).sorted().toList(),
                sheet.predictions().stream().map(Prediction::key).sorted().toList(), "the held-out networks");
        PredictionReport summary = sheet.estimates().get(0).report();
        assertEquals(PredictionReport.of(
                sheet.predictions().stream().mapToDouble(p -> p.measuredMs().orElseThrow()).toArray(),
                sheet.predictions().stream().mapToDouble(Prediction::predictedMs).toArray()), summary,
                "the summary is of the per-row predictions");
        // The same networks as train held out, in another order: equal but for the last bits of the sums.
        assertEquals(experiment.estimates().get(0).report().toString(), summary.toString());

        PredictorCheck own = PredictorCheck.run(device, TINY, Optional.empty());
        assertEquals(30, own.dropped());
        assertEquals(sheet.predictions(), own.predictions());
        assertEquals(sheet.predictions(), PredictorCheck.predict(device.predictor(TINY), every.stream()
                .filter(e -> sheet.predictions().stream().anyMatch(p -> p.key().equals(e.key()))).toList()));
    }

    @Test
    void aMistypedDeviceIsAnsweredWithTheDevicesThere() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfile.at(root, "bored").existing());
        assertEquals("there is no device 'bored' in " + root + "; its devices are board", typo.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfile.at(root.resolve("empty"), "board").existing());
        assertTrue(none.getMessage().contains("(it has none: nas latency measure, profile or import makes one)"),
                none.getMessage());
        assertEquals(device.directory(), device.existing().directory());
    }
}
