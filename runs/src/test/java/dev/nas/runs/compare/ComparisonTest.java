package dev.nas.runs.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.scoring.Hypervolume;
import dev.nas.core.search.Pruner;
import dev.nas.core.study.DataRef;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Scores;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
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
                Fakes.latency(space), new Hypervolume.Reference(List.of(0.0, 20.0)),
                new Comparison.Universe(List.of(new Scores(1.0, 1.0, 0, 0)), false));
        Comparison.Result result = comparison.compare(List.of("random", "asha"), 9, List.of(5.0, 10.0),
                Pruner.Median.DEFAULT, Optional.empty());
        List<Comparison.Row> rows = result.rows();

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
        assertTrue(random10.hypervolumeShare().isEmpty(), "no share of a front that is not known whole");
        assertEquals(6 * 9, result.runs().size(), "one run per row and seed");
        long reached = result.runs().stream().filter(r -> r.controller().equals("random") && r.budget() == 10.0
                && r.budgetToTarget().isPresent()).count();
        assertTrue(reached >= 5, "random's best is reached by at least half of random's runs: " + reached);
        double[] bests = result.runs().stream().filter(r -> r.controller().equals("random") && r.budget() == 10.0)
                .mapToDouble(Comparison.Run::bestReward).sorted().toArray();
        assertEquals(bests[4], result.target(), "the 5th highest of 9");
        assertTrue(result.runs().stream().noneMatch(Comparison.Run::optimumFound), "nothing reaches accuracy 1");
    }

    /**
     * On the tabular benchmark, with the same seeds, expected hypervolume improvement ends with a larger share of the
     * true front than random search in every run.
     */
    @Test
    void onTheTabularBenchmarkEhviReachesABetterFrontThanRandomAtTheSameSeed() throws Exception {
        Path file = Path.of("..", "spaces", "bench.yaml");
        SearchSpace space = SpaceLoader.load(file);
        Path csv = Path.of("..", "benchmarks", "bench.csv");
        TabularBenchmark table = TabularBenchmark.read(csv, space);
        TableObjective objective = new TableObjective(table);
        List<Scores> universe = table.scores(space, space.training().epochs().max());
        Comparison comparison = new Comparison(space, Files.readString(file), new DataRef.Table(csv.toString(), "",
                true), objective, objective, Hypervolume.Reference.of(table.objective(space), universe),
                new Comparison.Universe(universe, table.complete(space)));
        Comparison.Result result = comparison.compare(List.of("random", "ehvi"), 3, List.of(30.0), Pruner.NONE,
                Optional.empty());
        for (long seed = 1; seed <= 3; seed++) {
            double random = share(result, "random", seed);
            double ehvi = share(result, "ehvi", seed);
            assertTrue(ehvi > random, "seed " + seed + ": ehvi " + ehvi + ", random " + random);
        }
    }

    private static double share(Comparison.Result result, String controller, long seed) {
        return result.runs().stream().filter(r -> r.controller().equals(controller) && r.seed() == seed)
                .findFirst().orElseThrow().hypervolumeShare().orElseThrow();
    }
}
