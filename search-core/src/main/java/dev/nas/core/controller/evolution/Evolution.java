package dev.nas.core.controller.evolution;

import dev.nas.core.controller.ControllerSpec.Evolution.Selection;
import dev.nas.core.controller.random.RandomSearch;
import dev.nas.core.scoring.Front;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.Controller;
import dev.nas.core.study.Decision;
import dev.nas.core.study.StudyView;
import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.ObjectiveSpec;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Steady-state evolution on Jenetics: each ask picks a parent from the population with a Jenetics selector and
 * proposes it with one decision changed. Until the population is full, candidates are random.
 *
 * <ul>
 *   <li>{@link Selection#AGING}: regularized evolution (Real et al. 2019). The population is the {@code population}
 *   most recent completed trials, so the oldest leaves when a child joins, however good it was; the parent wins a
 *   tournament of {@code sample} members on the MnasNet reward.</li>
 *   <li>{@link Selection#NSGA2}: multi-objective (Deb et al. 2002). The population is the best {@code population}
 *   completed trials by non-dominated rank and crowding distance over the objectives of the space (accuracy up,
 *   latency down, optionally parameters down); the parent is chosen by Jenetics' NSGA-II selector. Under a hard
 *   latency target domination is constrained: feasible beats infeasible, and among infeasible trials the smaller
 *   violation wins.</li>
 * </ul>
 * Each child records its parent in {@value #PARENT}, and with weight inheritance asks to start from the parent's
 * weights ({@link Decision#INHERIT_FROM}); when every mutation tried is a candidate already tried, the child is a
 * random untried candidate instead. State is rebuilt from the trials on every ask. A warm-started study's first
 * population is the warm-start trials (numbered below 0, oldest first), which a parent may be: the child takes its
 * candidate, changed, never its weights.
 */
public final class Evolution implements Controller {

    public static final String PARENT = "evolution.parent";
    private static final int DRAWS = 1000;

    private final Selection selection;
    private final int population;
    private final int sample;
    private final boolean inheritWeights;

    public Evolution(Selection selection, int population, int sample, boolean inheritWeights) {
        if (population < 2 || sample < 1 || sample > population) {
            throw new IllegalArgumentException("evolution needs population >= 2 and 1 <= sample <= population, got "
                    + population + " and " + sample);
        }
        this.selection = selection;
        this.population = population;
        this.sample = sample;
        this.inheritWeights = inheritWeights;
    }

    @Override
    public Decision ask(StudyView study) {
        List<Trial> completed = study.known().stream().filter(t -> t.evaluation().isPresent())
                .sorted(Comparator.comparingInt(Trial::number)).toList();
        if (completed.size() < population) {
            return new RandomSearch().ask(study);
        }
        ObjectiveSpec objective = study.spec().objective();
        Genomes genomes = new Genomes(Actions.of(study.spec().space().codec()));
        List<Trial> members = population(objective, completed);
        Map<Genotype<IntegerGene>, Trial> byGenotype = new HashMap<>();
        members.forEach(t -> byGenotype.put(genomes.encode(t.candidate()), t));
        Set<Candidate> tried = study.known().stream().map(Trial::candidate).collect(Collectors.toSet());
        SplittableRandom random = study.random();
        for (int draw = 0; draw < DRAWS; draw++) {
            Genotype<IntegerGene> parent = RandomRegistry.with(random, r -> select(objective, genomes, members));
            Candidate child = genomes.codec().decode(genomes.mutateOne(parent, random));
            if (!tried.contains(child)) {
                int number = byGenotype.get(parent).number();
                String text = Integer.toString(number);
                return new Decision.Start(child, study.spec().fullEpochs(), inheritWeights && number >= 0
                        ? Map.of(PARENT, text, Decision.INHERIT_FROM, text) : Map.of(PARENT, text));
            }
        }
        // The population's neighbourhood is exhausted (small spaces): an untried random candidate keeps the search
        // going, as a restart would.
        return new RandomSearch().ask(study);
    }

    /** The members parents are drawn from. */
    List<Trial> population(ObjectiveSpec objective, List<Trial> completed) {
        if (selection == Selection.AGING) {
            return completed.subList(completed.size() - population, completed.size());
        }
        List<Trial> feasible = completed.stream().filter(t -> violation(objective, scores(t)) == 0).toList();
        List<Trial> ordered = new ArrayList<>(Front.nondominatedOrder(objective, feasible));
        completed.stream().filter(t -> violation(objective, scores(t)) > 0)
                .sorted(Comparator.comparingDouble(t -> violation(objective, scores(t))))
                .forEach(ordered::add);
        return ordered.subList(0, population);
    }

    private Genotype<IntegerGene> select(ObjectiveSpec objective, Genomes genomes, List<Trial> members) {
        if (selection == Selection.AGING) {
            ISeq<Phenotype<IntegerGene, Double>> phenotypes = members.stream()
                    .map(t -> Phenotype.<IntegerGene, Double>of(genomes.encode(t.candidate()), 0,
                            Reward.of(objective, scores(t))))
                    .collect(ISeq.toISeq());
            return new TournamentSelector<IntegerGene, Double>(sample).select(phenotypes, 1, Optimize.MAXIMUM)
                    .get(0).genotype();
        }
        ISeq<Phenotype<IntegerGene, Vec<double[]>>> phenotypes = members.stream()
                .map(t -> Phenotype.<IntegerGene, Vec<double[]>>of(genomes.encode(t.candidate()), 0,
                        Vec.of(constrained(objective, scores(t)))))
                .collect(ISeq.toISeq());
        return NSGA2Selector.<IntegerGene, double[], Vec<double[]>>ofVec().select(phenotypes, 1, Optimize.MAXIMUM)
                .get(0).genotype();
    }

    /**
     * The objectives to maximise, with constrained domination folded in: an infeasible trial's vector is pushed
     * below every feasible one, by its violation, so plain Pareto dominance ranks feasible first.
     */
    static double[] constrained(ObjectiveSpec objective, Scores scores) {
        double[] vector = Front.maximised(objective, scores);
        double violation = violation(objective, scores);
        if (violation > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = -1e12 - violation;
            }
        }
        return vector;
    }

    /** How far over a hard target, relative to it; 0 when feasible or when the constraint is soft. */
    static double violation(ObjectiveSpec objective, Scores scores) {
        if (objective.constraint() != LatencyConstraint.HARD || Reward.feasible(objective, scores)) {
            return 0;
        }
        return Reward.ratio(objective, scores) - 1;
    }

    private static Scores scores(Trial trial) {
        return trial.evaluation().orElseThrow().scores();
    }
}
