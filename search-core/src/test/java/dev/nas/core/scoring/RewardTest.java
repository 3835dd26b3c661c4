package dev.nas.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.trial.Scores;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.LatencySpec;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RewardTest {

    private static ObjectiveSpec target(double ms, LatencyConstraint constraint, double w) {
        return new ObjectiveSpec(OptionalDouble.of(ms), constraint, w, List.of(Objective.ACCURACY, Objective.LATENCY));
    }

    @Test
    void softConstraintIsMnasNetsPowerLaw() {
        ObjectiveSpec soft = target(80, LatencyConstraint.SOFT, -0.07);
        // MnasNet's example: twice the target costs about 5% of the reward, half of it gains about 5%.
        assertEquals(0.75 * Math.pow(2, -0.07), Reward.of(soft, new Scores(0.75, 160, 0, 0)), 1e-12);
        assertEquals(0.75 * 0.952638, Reward.of(soft, new Scores(0.75, 160, 0, 0)), 1e-6);
        assertEquals(0.75 * 1.049717, Reward.of(soft, new Scores(0.75, 40, 0, 0)), 1e-6);
        assertEquals(0.75, Reward.of(soft, new Scores(0.75, 80, 0, 0)), 1e-12);
    }

    @Test
    void hardConstraintIsFlatUnderTheTargetAndInverseOverIt() {
        ObjectiveSpec hard = target(2, LatencyConstraint.HARD, -0.07);
        assertEquals(0.9, Reward.of(hard, new Scores(0.9, 1, 0, 0)), 1e-12);
        assertEquals(0.9, Reward.of(hard, new Scores(0.9, 2, 0, 0)), 1e-12);
        assertEquals(0.9 * 2 / 3, Reward.of(hard, new Scores(0.9, 3, 0, 0)), 1e-12);
        assertTrue(Reward.feasible(hard, new Scores(0.9, 2, 0, 0)));
        assertFalse(Reward.feasible(hard, new Scores(0.9, 2.01, 0, 0)));
    }

    @Test
    void withoutATargetTheRewardIsTheAccuracy() {
        assertEquals(0.42, Reward.of(ObjectiveSpec.accuracyOnly(), new Scores(0.42, 1000, 5, 5)));
    }

    /** A MAC budget or a memory budget takes latency's place in the reward; latency then does not count. */
    @Test
    void aTargetOnAnotherObjective() {
        ObjectiveSpec macs = new ObjectiveSpec(Optional.of(new ObjectiveSpec.Target(Objective.MACS, 1000)),
                LatencyConstraint.SOFT, -0.07, List.of(Objective.ACCURACY, Objective.MACS), LatencySpec.MEASURED);
        assertEquals(0.75 * Math.pow(2, -0.07), Reward.of(macs, new Scores(0.75, 1, 0, 2000)), 1e-12);
        assertEquals(0.75 * Math.pow(2, -0.07), Reward.of(macs, new Scores(0.75, 99, 0, 2000)), 1e-12);
        ObjectiveSpec memory = new ObjectiveSpec(Optional.of(new ObjectiveSpec.Target(Objective.MEMORY, 4096)),
                LatencyConstraint.HARD, -0.07, List.of(Objective.ACCURACY, Objective.MEMORY), LatencySpec.MEASURED);
        Scores within = new Scores(0.9, 50, 0, 0, Map.of("memory", 4096.0));
        Scores over = new Scores(0.9, 1, 0, 0, Map.of("memory", 8192.0));
        assertTrue(Reward.feasible(memory, within));
        assertEquals(0.9, Reward.of(memory, within), 1e-12);
        assertFalse(Reward.feasible(memory, over));
        assertEquals(0.45, Reward.of(memory, over), 1e-12);
    }
}
