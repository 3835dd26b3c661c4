package dev.nas.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.scoring.Ranking;
import dev.nas.space.Epochs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerSpecTest {

    /** Stored as its name and parameters, every preset reads back as itself. */
    @Test
    void everyPresetIsItsNameAndParametersAndReadsBackAsItself() {
        for (String name : ControllerSpec.PRESETS) {
            ControllerSpec preset = ControllerSpec.preset(name);
            assertEquals(name, preset.name());
            assertEquals(preset, ControllerSpec.of(preset.name(), preset.parameters()), name);
        }
    }

    /** Defaults pinned: a change here would change what a new study named by its preset runs. */
    @Test
    void presetsHaveTheDocumentedDefaults() {
        assertEquals(new ControllerSpec.AsyncHalving(3, Ranking.REWARD), ControllerSpec.preset("asha"));
        assertEquals(new ControllerSpec.Halving(3, Ranking.PARETO, true), ControllerSpec.preset("hyperband-pareto"));
        assertEquals(new ControllerSpec.Evolution(ControllerSpec.Evolution.Selection.AGING, 10, 3, false),
                ControllerSpec.preset("evolution"));
        assertEquals(new ControllerSpec.Bayesian(ControllerSpec.Bayesian.Acquisition.EXPECTED_IMPROVEMENT, true, 8),
                ControllerSpec.preset("parego"));
        assertEquals(new ControllerSpec.HypervolumeBayesian(8), ControllerSpec.preset("ehvi"));
        assertEquals("ehvi (initial random 8)", ControllerSpec.preset("ehvi").describe());
        assertEquals(new ControllerSpec.PolicyGradient(0.3, 0.8, 0.001), ControllerSpec.preset("rl"));
        assertEquals(new ControllerSpec.PopulationBased(8, 0.25), ControllerSpec.preset("pbt"));
        assertEquals("asha (eta 3)", ControllerSpec.preset("asha").describe());
        assertEquals("rl (learning rate 0.3, baseline decay 0.8, entropy weight 0.001)",
                ControllerSpec.preset("rl").describe());
        assertEquals("random", ControllerSpec.preset("random").describe());
    }

    @Test
    void parametersOverrideAPresetAndAreCheckedWithTheirKey() {
        assertEquals(new ControllerSpec.AsyncHalving(4, Ranking.PARETO),
                ControllerSpec.of("asha-pareto", Map.of("eta", "4")));
        assertEquals("controller.eta: must be at least 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> ControllerSpec.of("sha", Map.of("eta", "1")))
                        .getMessage());
        assertEquals("controller.eta: must be a whole number, got 'three'",
                assertThrows(IllegalArgumentException.class, () -> ControllerSpec.of("sha", Map.of("eta", "three")))
                        .getMessage());
        assertEquals("controller.tournament: at most the population (10), got 11",
                assertThrows(IllegalArgumentException.class,
                        () -> ControllerSpec.of("evolution", Map.of("tournament", "11"))).getMessage());
        assertEquals("controller.eta: random has no such parameter (it has none)",
                assertThrows(IllegalArgumentException.class, () -> ControllerSpec.of("random", Map.of("eta", "3")))
                        .getMessage());
        assertEquals("controller.population: pbt has no such parameter (it has members, truncation)",
                assertThrows(IllegalArgumentException.class,
                        () -> ControllerSpec.of("pbt", Map.of("population", "8"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerSpec.preset("hyperopt"))
                .getMessage().startsWith("unknown controller 'hyperopt' (expected one of random, grid, sha,"));
    }

    @Test
    void aMultiFidelityControllerNeedsEpochsAsARange() {
        ControllerSpec.preset("asha").checkFits(new Epochs(1, 9));
        ControllerSpec.preset("random").checkFits(Epochs.fixed(2));
        for (String name : new String[] {"sha", "hyperband", "asha", "asha-pareto", "pbt"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ControllerSpec.preset(name).checkFits(Epochs.fixed(2)));
            assertTrue(refused.getMessage().contains("needs the space's epochs as a range"), refused.getMessage());
        }
        assertFalse(ControllerSpec.preset("bayes").multiFidelity());
    }
}
