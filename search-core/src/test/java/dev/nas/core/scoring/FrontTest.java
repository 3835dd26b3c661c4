package dev.nas.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.plan.Cost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FrontTest {

    private static final Candidate ANY = Candidate.parse("conv_k3-none-8x1|lr=0.01,bs=32,opt=adam,wd=0");

    private static final Objective ENERGY = new Objective.Column("energy_mj", false, "mJ");

    private static Trial completed(int number, double accuracy, double latencyMs, long params) {
        return completed(number, accuracy, latencyMs, params, 1, Map.of());
    }

    private static Trial completed(int number, double accuracy, double latencyMs, long params, long macs,
                                   Map<String, Double> measures) {
        Evaluation evaluation = new Evaluation(List.of(new EpochRecord(1, 0.5, accuracy, 1)),
                new Latency(latencyMs, 0, 1, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(params, macs), 1, 1,
                Optional.empty(), Optional.empty(), measures);
        return Trial.start(number, ANY, number, 1, Map.of(), Instant.EPOCH)
                .finish(new Completed(evaluation), Instant.EPOCH);
    }

    private static List<Integer> front(ObjectiveSpec spec, List<Trial> trials) {
        return Front.of(spec, trials).stream().map(Trial::number).toList();
    }

    @Test
    void accuracyAgainstLatency() {
        List<Trial> trials = new ArrayList<>(List.of(
                completed(0, 0.80, 1.0, 100),   // front: fastest
                completed(1, 0.85, 2.0, 100),   // front
                completed(2, 0.84, 2.5, 100),   // dominated by 1
                completed(3, 0.90, 4.0, 100),   // front: most accurate
                completed(4, 0.80, 1.5, 100),   // dominated by 0
                completed(5, 0.85, 2.0, 50)));  // same vector as 1 on two objectives: both on the front
        trials.add(Trial.start(6, ANY, 6, 1, Map.of(), Instant.EPOCH)
                .finish(new Failed("NaN loss", List.of()), Instant.EPOCH));
        trials.add(Trial.start(7, ANY, 7, 1, Map.of(), Instant.EPOCH));
        assertEquals(List.of(0, 1, 5, 3), front(ObjectiveSpec.accuracyOnly(), trials));
    }

    @Test
    void parametersAsAThirdObjective() {
        ObjectiveSpec three = new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, -0.07,
                List.of(Objective.ACCURACY, Objective.LATENCY, Objective.PARAMS));
        List<Trial> trials = List.of(
                completed(0, 0.80, 1.0, 100),
                completed(1, 0.85, 2.0, 100),
                completed(2, 0.84, 2.5, 10),    // dominated on two objectives, but the smallest
                completed(3, 0.85, 2.0, 50));   // dominates 1
        assertEquals(List.of(0, 3, 2), front(three, trials));
    }

    @Test
    void noCompletedTrialsNoFront() {
        assertEquals(List.of(), front(ObjectiveSpec.accuracyOnly(), List.of()));
    }

    @Test
    void hypervolumeIsTheAreaTheFrontDominatesUpToTheReference() {
        List<Trial> trials = List.of(
                completed(0, 0.80, 1.0, 100),
                completed(1, 0.85, 2.0, 100),
                completed(2, 0.84, 2.5, 100),   // dominated: adds nothing
                completed(3, 0.90, 4.0, 100),
                completed(4, 0.99, 6.0, 100));  // beyond the reference: adds nothing
        // (5 - 1) x 0.80 + (5 - 2) x 0.05 + (5 - 4) x 0.05
        ObjectiveSpec spec = ObjectiveSpec.accuracyOnly();
        Hypervolume.Reference reference = new Hypervolume.Reference(List.of(0.0, 5.0));
        assertEquals(3.2 + 0.15 + 0.05, Hypervolume.of(spec, trials, reference), 1e-12);
        assertEquals(0.0, Hypervolume.of(spec, List.of(), reference));
        assertEquals("fraction x ms", Hypervolume.unit(spec));
    }

    /** MACs instead of latency: the front is ordered by MACs, the area counted in accuracy x MACs. */
    @Test
    void accuracyAgainstMacs() {
        ObjectiveSpec spec = new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, -0.07,
                List.of(Objective.ACCURACY, Objective.MACS));
        List<Trial> trials = List.of(
                completed(0, 0.90, 1.0, 1, 300, Map.of()),
                completed(1, 0.80, 9.0, 1, 100, Map.of()),   // slow, but latency is not an objective
                completed(2, 0.70, 0.5, 1, 200, Map.of()));  // dominated by 1
        assertEquals(List.of(1, 0), front(spec, trials));
        Hypervolume.Reference reference = Hypervolume.Reference.of(spec, trials.stream()
                .map(t -> t.evaluation().orElseThrow().scores()).toList());
        assertEquals(List.of(0.0, 300.0), reference.worst(), "accuracy from 0, MACs from the most");
        // Up to 300 MACs the 300-MAC trial adds nothing; (300 - 100) x 0.80
        assertEquals(160, Hypervolume.of(spec, trials, reference), 1e-9);
        // (400 - 100) x 0.80 + (400 - 300) x (0.90 - 0.80)
        assertEquals(250, Hypervolume.of(spec, trials, new Hypervolume.Reference(List.of(0.0, 400.0))), 1e-9);
        assertEquals("fraction x count", Hypervolume.unit(spec));
        assertEquals("accuracy 0 fraction, macs 400 count",
                new Hypervolume.Reference(List.of(0.0, 400.0)).describe(spec));
    }

    /**
     * Three objectives, one a table column: the volume of the union of the boxes each trial dominates, worked out by
     * inclusion and exclusion.
     */
    @Test
    void threeObjectivesWithATableColumn() {
        ObjectiveSpec spec = new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, -0.07,
                List.of(Objective.ACCURACY, Objective.LATENCY, ENERGY));
        List<Trial> trials = List.of(
                completed(0, 0.80, 1.0, 1, 1, Map.of("energy_mj", 3.0)),
                completed(1, 0.90, 2.0, 1, 1, Map.of("energy_mj", 1.0)),
                completed(2, 0.50, 3.0, 1, 1, Map.of("energy_mj", 0.5)),
                completed(3, 0.70, 2.0, 1, 1, Map.of("energy_mj", 3.0)),    // dominated by 0
                completed(4, 0.95, 5.0, 1, 1, Map.of("energy_mj", 0.1)));   // beyond the reference latency
        assertEquals(List.of(0, 1, 2, 4), front(spec, trials), "fastest first");
        Hypervolume.Reference reference = new Hypervolume.Reference(List.of(0.0, 4.0, 4.0));
        // boxes: 0.8 x 3 x 1 = 2.4, 0.9 x 2 x 3 = 5.4, 0.5 x 1 x 3.5 = 1.75; pairs: 0.8 x 2 x 1 = 1.6,
        // 0.5 x 1 x 1 = 0.5, 0.5 x 1 x 3 = 1.5; all three: 0.5 x 1 x 1 = 0.5
        assertEquals(2.4 + 5.4 + 1.75 - 1.6 - 0.5 - 1.5 + 0.5, Hypervolume.of(spec, trials, reference), 1e-9);
        assertEquals("fraction x ms x mJ", Hypervolume.unit(spec));
        ObjectiveSpec twoD = new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, -0.07,
                List.of(Objective.ACCURACY, ENERGY));
        assertEquals(List.of(4), front(twoD, trials), "without latency, the slow trial dominates every other");
        // energy 4 down: (4 - 0.1) x 0.95
        assertEquals(3.9 * 0.95, Hypervolume.of(twoD, trials, new Hypervolume.Reference(List.of(0.0, 4.0))), 1e-9);
    }
}
