package dev.nas.runs.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.search.Pruner;
import dev.nas.core.study.DataRef;
import dev.nas.core.testing.Fakes;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void budgetsReadPrefixesOfOneRunAndRandomReachesItsOwnMedianWithinTheLargestBudget() throws Exception {
        Path file = Path.of("..", "spaces", "mobile.yaml");
        String yaml = Files.readString(file);
        SearchSpace space = SpaceLoader.parse(yaml, file.toString());
        Comparison comparison = new Comparison(space, yaml, new DataRef.Images("fake", "0"), Fakes.evaluator(space),
                Fakes.latency(space), 20);
        List<Comparison.Row> rows = comparison.compare(List.of("random", "asha"), 9, List.of(5.0, 10.0),
                Pruner.Median.DEFAULT, Optional.empty());

        assertEquals(List.of("random@5.0", "random@10.0", "random + median@5.0", "random + median@10.0", "asha@5.0",
                "asha@10.0"), rows.stream().map(r -> r.controller() + "@" + r.budget()).toList(), "random first, "
                + "the yardstick; a pruned row for each controller that trains candidates fully");
        Comparison.Row random5 = rows.get(0);
        Comparison.Row random10 = rows.get(1);
        assertTrue(random10.bestReward().median() >= random5.bestReward().median(), "more budget never hurts");
        assertTrue(random10.hypervolume().median() >= random5.hypervolume().median());
        assertTrue(random10.bestReward().q1() <= random10.bestReward().median());
        assertTrue(random10.budgetToTarget().median() <= 10.0,
                "half the random runs reach random's own median: " + random10.budgetToTarget());
        assertEquals(9, random10.seeds());
    }
}
