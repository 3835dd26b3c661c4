package dev.nas.core.controller.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.controller.ControllerRace;
import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.ControllerSpec.Evolution.Selection;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Decision;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.StudyView;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.Actions;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.Spaces;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.ext.moea.Pareto;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvolutionTest {

    private static List<Trial> run(Evolution evolution, int budget) {
        StudySpec spec = Fakes.spec("mobile", "evolution", budget, 3);
        Study study = new Study(spec, new InMemoryStorage(), evolution, InstantSource.system());
        new Search(study, Fakes.evaluator(spec.space()), Fakes.latency(spec.space()), new SearchListener() { },
                InstantSource.system(), Search.Limits.DEFAULT).run();
        return study.trials();
    }

    @Test
    void agingKeepsTheMostRecentCompletedTrialsSoTheOldestLeaves() {
        List<Trial> trials = run(new Evolution(Selection.AGING, 6, 2, false), 12);
        Evolution evolution = new Evolution(Selection.AGING, 6, 2, false);
        ObjectiveSpec objective = Spaces.shipped("mobile").objective();
        assertEquals(trials.subList(6, 12), evolution.population(objective, trials));
        assertEquals(trials.subList(5, 11), evolution.population(objective, trials.subList(0, 11)));
    }

    @Test
    void aTournamentOfTheWholePopulationAlwaysPicksItsBestAsParent() {
        List<Trial> trials = run(new Evolution(Selection.AGING, 5, 5, false), 5);
        StudySpec spec = Fakes.spec("mobile", "evolution", 6, 3);
        Decision.Start child = (Decision.Start) new Evolution(Selection.AGING, 5, 5, false)
                .ask(new StudyView(spec, trials));
        Trial best = trials.stream().max(Comparator.comparingDouble(
                t -> Reward.of(spec.space().objective(), t.evaluation().orElseThrow().scores()))).orElseThrow();
        assertEquals(Integer.toString(best.number()), child.attributes().get(Evolution.PARENT));
        assertNotEquals(best.candidate(), child.candidate());
    }

    @Test
    void withWeightInheritanceEachChildAsksTheEvaluatorForItsParentsWeights() {
        StudySpec spec = Fakes.spec("mobile", "evolution", 14, 3);
        Study study = new Study(spec, new InMemoryStorage(), new Evolution(Selection.AGING, 5, 2, true),
                InstantSource.system());
        Map<Integer, Optional<Integer>> asked = new HashMap<>();
        Evaluator fake = Fakes.evaluator(spec.space());
        Evaluator recording = (request, onEpoch, stop) -> {
            asked.put(request.trial(), request.inheritFrom());
            return fake.train(request, onEpoch, stop);
        };
        new Search(study, recording, Fakes.latency(spec.space()), new SearchListener() { }, InstantSource.system(),
                Search.Limits.DEFAULT).run();

        List<Trial> trials = study.trials();
        assertEquals(14, trials.size());
        for (Trial trial : trials) {
            Optional<Integer> parent = Optional.ofNullable(trial.attributes().get(Evolution.PARENT))
                    .map(Integer::parseInt);
            assertEquals(trial.number() >= 5, parent.isPresent(), "children after the first population");
            assertEquals(parent, asked.get(trial.number()), "trial " + trial.number());
        }
        assertTrue(run(new Evolution(Selection.AGING, 5, 2, false), 8).stream()
                .noneMatch(t -> t.attributes().containsKey(Decision.INHERIT_FROM)), "off unless asked for");
    }

    @Test
    void aMutationChangesExactlyOneDecision() {
        Genomes genomes = new Genomes(Actions.of(Spaces.shipped("mobile").codec()));
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            Genotype<IntegerGene> parent = genomes.encode(Spaces.shipped("mobile").codec().sample(random));
            Genotype<IntegerGene> child = genomes.mutateOne(parent, random);
            long changed = IntStream.range(0, parent.length())
                    .filter(d -> !parent.get(d).gene().allele().equals(child.get(d).gene().allele())).count();
            assertEquals(1, changed);
        }
    }

    @Test
    void constrainedDominationPutsFeasibleFirstThenSmallerViolations() {
        ObjectiveSpec hard = new ObjectiveSpec(OptionalDouble.of(2.0), LatencyConstraint.HARD, -1,
                List.of(Objective.ACCURACY, Objective.LATENCY));
        double[] feasibleButPoor = Evolution.constrained(hard, new Scores(0.3, 1.9, 1, 1));
        double[] slightlyOver = Evolution.constrained(hard, new Scores(0.99, 2.2, 1, 1));
        double[] farOver = Evolution.constrained(hard, new Scores(0.99, 9.0, 1, 1));
        assertEquals(1, Pareto.dominance(feasibleButPoor, slightlyOver));
        assertEquals(1, Pareto.dominance(slightlyOver, farOver));
        assertEquals(0.1, Evolution.violation(hard, new Scores(0.99, 2.2, 1, 1)), 1e-12);
    }

    @Test
    void agingEvolutionFindsWhatRandomSearchOnlyStumblesOn() {
        double random = ControllerRace.medianBest(new ControllerSpec.Random(), "mobile", 60, 7);
        double evolution = ControllerRace.medianBest(new ControllerSpec.Evolution(Selection.AGING, 10, 3, false),
                "mobile", 60, 7);
        double nsga2 = ControllerRace.medianBest(new ControllerSpec.Evolution(Selection.NSGA2, 10, 2, false),
                "mobile", 60, 7);
        assertTrue(evolution > random, "median best of 7 seeds at budget 60: evolution " + evolution
                + ", random " + random);
        assertTrue(nsga2 > random, "nsga2 " + nsga2 + ", random " + random);
    }
}
