package dev.nas.core.controller.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerRace;
import dev.nas.core.controller.ControllerSpec;
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.Spaces;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyGradientTest {

    @Test
    void aPositiveAdvantageMakesTheChosenActionMoreLikelyAndANegativeOneLess() {
        Policy policy = new Policy(new int[] {3, 2});
        double before = policy.probabilities(0)[2];
        policy.reinforce(new int[] {2, 1}, 1.0, 0.5, 0);
        double after = policy.probabilities(0)[2];
        assertTrue(after > before, before + " -> " + after);
        policy.reinforce(new int[] {2, 1}, -2.0, 0.5, 0);
        assertTrue(policy.probabilities(0)[2] < after);
        assertEquals(1.0, java.util.Arrays.stream(policy.probabilities(0)).sum(), 1e-12);
    }

    @Test
    void actionsRoundTripEveryCandidate() {
        var codec = Spaces.shipped("mobile").codec();
        Actions actions = Actions.of(codec);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            int[] drawn = new Policy(actions.sizes()).sample(random);
            Candidate candidate = actions.candidate(drawn);
            assertEquals(candidate, actions.candidate(actions.actions(candidate)));
        }
    }

    @Test
    void itLearnsWhatRandomSearchOnlyStumblesOn() {
        double random = ControllerRace.medianBest(new ControllerSpec.Random(), "mobile", 60, 7);
        double rl = ControllerRace.medianBest(ControllerSpec.preset("rl"), "mobile", 60, 7);
        assertTrue(rl > random, "median best of 7 seeds at budget 60: rl " + rl + ", random " + random);
    }
}
