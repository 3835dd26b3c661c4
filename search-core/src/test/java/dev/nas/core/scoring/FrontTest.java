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
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FrontTest {

    private static final Candidate ANY = Candidate.parse("conv_k3-none-8x1|lr=0.01,bs=32,opt=adam,wd=0");

    private static Trial completed(int number, double accuracy, double latencyMs, long params) {
        Evaluation evaluation = new Evaluation(List.of(new EpochRecord(1, 0.5, accuracy, 1)),
                new Latency(latencyMs, 0, 1, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(params, 1), 1, 1);
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
        assertEquals(3.2 + 0.15 + 0.05, Hypervolume.of(trials, 5.0), 1e-12);
        assertEquals(0.0, Hypervolume.of(List.of(), 5.0));
    }
}
