package dev.nas.runs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.OpType;
import dev.nas.space.plan.Cost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoiceEffectsTest {

    private final StudySpec spec = Fakes.spec("tiny", "random", 40, 1);

    /**
     * 40 random candidates of the tiny space: accuracy rises with an MBConv first block, latency with its 5x5
     * kernel.
     */
    private List<Trial> trials(int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Candidate c = spec.space().codec().sample(random);
            double accuracy = c.blocks().get(0).op().type() == OpType.MBCONV ? 0.8 : 0.7;
            double latency = c.blocks().get(0).op().kernel() == 5 ? 1.5 : 1.0;
            Evaluation e = new Evaluation(List.of(new EpochRecord(1, 0.5, accuracy, 1)),
                    new Latency(latency, 0, 1, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(1000, 1000), 1, 1);
            trials.add(Trial.start(i, c, i, 1, Map.of(), Instant.EPOCH).finish(new Completed(e), Instant.EPOCH));
        }
        return trials;
    }

    @Test
    void theForestsFindTheDimensionThatMovesEachObjective() {
        ChoiceEffects effects = ChoiceEffects.of(spec, trials(40), 7);
        assertTrue(effects.fitted());
        assertEquals(40, effects.trials());
        assertEquals("blocks[0].op", effects.effects().get(0).dimension(), "largest effect on accuracy first");
        ChoiceEffects.Effect slowest = effects.effects().stream()
                .max(Comparator.comparingDouble(e -> e.latencyMs().getAsDouble())).orElseThrow();
        assertEquals("blocks[0].kernel", slowest.dimension());
        // An MBConv block adds 10 points to a third of the candidates: on average about 2 x 10/3 x 2/3 = 4.4.
        double op = effects.effects().get(0).accuracyPoints().getAsDouble();
        assertTrue(op > 3 && op < 6, "blocks[0].op moves accuracy by " + op + " points");
        assertEquals(effects, ChoiceEffects.of(spec, trials(40), 7), "the same seed gives the same forests");
    }

    @Test
    void everyValueHasItsMeanAndSpread() {
        List<Trial> trials = trials(40);
        ChoiceEffects.Effect op = ChoiceEffects.of(spec, trials, 7).effects().stream()
                .filter(e -> e.dimension().equals("blocks[0].op")).findFirst().orElseThrow();
        assertEquals(List.of("conv", "dwconv", "mbconv"),
                op.groups().stream().map(ChoiceEffects.Group::value).toList());
        ChoiceEffects.Group mbconv = op.groups().get(2);
        long expected = trials.stream().filter(t -> t.candidate().blocks().get(0).op().type() == OpType.MBCONV).count();
        assertEquals(expected, mbconv.trials());
        assertEquals(0.8, mbconv.accuracyMean(), 1e-12);
        assertEquals(0, mbconv.accuracySd(), 1e-12);
        assertEquals(40, op.groups().stream().mapToInt(ChoiceEffects.Group::trials).sum());
    }

    @Test
    void belowTenTrialsOnlyTheMeansAreGiven() {
        ChoiceEffects effects = ChoiceEffects.of(spec, trials(9), 7);
        assertFalse(effects.fitted());
        assertTrue(effects.effects().stream().allMatch(e -> e.accuracyPoints().isEmpty() && !e.groups().isEmpty()));
    }
}
