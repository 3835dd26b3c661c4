package dev.nas.runs.compare;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.controller.catalog.Controllers;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.scoring.Hypervolume;
import dev.nas.core.scoring.Reward;
import dev.nas.core.search.Pruner;
import dev.nas.core.search.Search;
import dev.nas.core.search.SearchListener;
import dev.nas.core.storage.InMemoryStorage;
import dev.nas.core.study.Controller;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.export.Table;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Controllers compared on an objective that costs no training (a tabular benchmark), over many seeds, at several
 * budgets: the best reward found, the hypervolume of the front over the study's objectives (and its share of the true
 * front's, when the table has every candidate), and the budget each needed to reach random search's best (see
 * {@link Result#target}). Each (controller, seed) runs once at the largest budget; a smaller budget reads the same
 * run's prefix, which is what that budget would have bought, since no controller here plans by the total budget.
 */
public final class Comparison {

    private static final double EPSILON = 1e-9;

    private final SearchSpace space;
    private final String spaceYaml;
    private final DataRef data;
    private final Evaluator evaluator;
    private final LatencyModel latency;
    private final Hypervolume.Reference reference;
    private final Universe universe;

    /**
     * @param reference where hypervolume stops counting: the same for every controller, e.g. each objective's worst
     *                  in the table ({@link Hypervolume.Reference#of})
     */
    public Comparison(SearchSpace space, String spaceYaml, DataRef data, Evaluator evaluator, LatencyModel latency,
                      Hypervolume.Reference reference, Universe universe) {
        this.space = space;
        this.spaceYaml = spaceYaml;
        this.data = data;
        this.evaluator = evaluator;
        this.latency = latency;
        this.reference = reference;
        this.universe = universe;
    }

    /**
     * Every score the objective can give at full fidelity (one per candidate and training run), and whether those
     * are every candidate of the space: what the optimum and the true front are.
     */
    public record Universe(List<Scores> scores, boolean complete) {

        public Universe {
            scores = List.copyOf(scores);
            if (scores.isEmpty()) {
                throw new IllegalArgumentException("a comparison needs at least one score the objective can give");
            }
        }
    }

    /** Lower quartile, median and upper quartile over seeds. */
    public record Quartiles(double q1, double median, double q3) {

        static Quartiles of(double[] values) {
            Percentile percentile = new Percentile();
            percentile.setData(values);
            return new Quartiles(percentile.evaluate(25), percentile.evaluate(50), percentile.evaluate(75));
        }

        /**
         * For budgets to a target ({@link Double#MAX_VALUE} for never): the budget by which a quarter, half and three
         * quarters of the runs had reached it, the ceil(q n)-th smallest, never a value between two runs' (an
         * interpolated median of 20 runs, 10 of which never reach, would be "never").
         */
        static Quartiles reached(double[] budgets) {
            double[] sorted = budgets.clone();
            Arrays.sort(sorted);
            return new Quartiles(atLeast(sorted, 0.25), atLeast(sorted, 0.5), atLeast(sorted, 0.75));
        }

        private static double atLeast(double[] sorted, double share) {
            return sorted[(int) Math.ceil(share * sorted.length) - 1];
        }
    }

    /**
     * One controller at one budget, over every seed: the quartiles of its {@link Run}s.
     *
     * @param hypervolumeShare present when the universe is complete
     * @param budgetToTarget   {@link Double#MAX_VALUE} where too few runs reached the target within the budget
     */
    public record Row(String controller, double budget, Quartiles bestReward, Quartiles hypervolume,
                      Optional<Quartiles> hypervolumeShare, Quartiles budgetToTarget, int seeds) {
    }

    /**
     * One controller and seed at one budget.
     *
     * @param bestReward         of the full-fidelity trials; 0 without any
     * @param bestAccuracy       the highest accuracy among them, whatever its latency; 0 without any
     * @param hypervolumeShare   hypervolume over the true front's, when the universe is complete
     * @param budgetToTarget     budget spent when the best reward first reached the target; empty if not by
     *                           {@code budget}
     * @param optimumFound       whether the best reward is the universe's best
     * @param distinctCandidates candidates asked, each counted once however many trials it had
     */
    public record Run(String controller, long seed, double budget, double bestReward, double bestAccuracy,
                      double hypervolume, OptionalDouble hypervolumeShare, OptionalDouble budgetToTarget,
                      boolean optimumFound, int distinctCandidates) {
    }

    /**
     * A comparison's rows and runs.
     *
     * @param target          random search's best: the highest reward that at least half of random's runs reach at
     *                        the largest budget (the ceil(n/2)-th highest of their bests), so random itself reaches
     *                        it by the largest budget in at least half its runs
     * @param optimum         the best reward the universe holds
     * @param trueHypervolume the hypervolume of the universe's front, when it is complete
     * @param objective       what the studies optimised: the objectives hypervolume is over, with their units
     */
    public record Result(List<Row> rows, List<Run> runs, double target, double optimum,
                         OptionalDouble trueHypervolume, ObjectiveSpec objective) {

        /**
         * One row per run, as {@code nas compare --out} writes it: the schema the README documents. The last two
         * columns say what hypervolume counts: its unit, and every objective with its unit and direction.
         */
        public Table runsTable() {
            String unit = Hypervolume.unit(objective);
            String objectives = StudyTables.describe(objective);
            return new Table(List.of("controller", "seed", "budget", "best_reward", "best_accuracy", "hypervolume",
                    "hypervolume_share", "budget_to_target", "optimum_found", "distinct_candidates",
                    "hypervolume_unit", "objectives"),
                    runs.stream().map(r -> Table.row(r.controller(), r.seed(), r.budget(), r.bestReward(),
                            r.bestAccuracy(), r.hypervolume(), nullable(r.hypervolumeShare()),
                            nullable(r.budgetToTarget()), r.optimumFound(), r.distinctCandidates(), unit,
                            objectives)).toList());
        }

        private static Double nullable(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }
    }

    /** Prescreening as a comparison runs it: what the rows say, and the controller it makes of another. */
    public record Screening(String label, UnaryOperator<Controller> around) {
    }

    /** A controller as one row runs it: plain, pruned or prescreened. */
    private record Variant(String controller, Pruner pruner, Optional<Screening> screening) {

        String label() {
            return controller + (pruner == Pruner.NONE ? "" : " + " + pruner.token())
                    + screening.map(s -> " + " + s.label()).orElse("");
        }
    }

    /**
     * Compares {@code controllers} (random first, as the yardstick) over seeds 1..{@code seeds}. With a
     * {@code pruner}, each controller that trains every candidate fully runs once more with it, in a row of its own
     * ({@code random + median}); with a {@code screening}, each controller runs once more prescreened.
     */
    public Result compare(List<String> controllers, int seeds, List<Double> budgets, Pruner pruner,
                          Optional<Screening> screening) {
        double largest = budgets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<String> order = new ArrayList<>(List.of("random"));
        controllers.stream().filter(c -> !c.equals("random")).forEach(order::add);
        List<Variant> variants = new ArrayList<>();
        for (String controller : order) {
            variants.add(new Variant(controller, Pruner.NONE, Optional.empty()));
            if (pruner != Pruner.NONE && !ControllerSpec.preset(controller).multiFidelity()) {
                variants.add(new Variant(controller, pruner, Optional.empty()));
            }
            screening.ifPresent(s -> variants.add(new Variant(controller, Pruner.NONE, Optional.of(s))));
        }
        StudySpec any = spec("random", 1, largest);
        double optimum = universe.scores().stream().mapToDouble(s -> Reward.of(any.objective(), s)).max()
                .orElseThrow();
        OptionalDouble trueHypervolume = universe.complete()
                ? OptionalDouble.of(Hypervolume.ofScores(any.objective(), universe.scores(), reference))
                : OptionalDouble.empty();
        double target = Double.NaN;
        List<Row> rows = new ArrayList<>();
        List<Run> all = new ArrayList<>();
        for (Variant variant : variants) {
            StudySpec spec = spec(variant.controller(), 1, largest);
            List<List<Trial>> trials = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                trials.add(run(variant, seed, largest));
            }
            if (variant.equals(new Variant("random", Pruner.NONE, Optional.empty()))) {
                double[] best = trials.stream().mapToDouble(t -> bestReward(spec, t)).sorted().toArray();
                target = best[best.length / 2];
            }
            double reach = target;
            double[] toTarget = trials.stream().mapToDouble(t -> budgetToReach(spec, t, reach)).toArray();
            for (double budget : budgets) {
                List<Run> runs = new ArrayList<>();
                for (int i = 0; i < trials.size(); i++) {
                    runs.add(score(spec, variant.label(), i + 1, trials.get(i), toTarget[i], budget, optimum,
                            trueHypervolume));
                }
                rows.add(new Row(variant.label(), budget, Quartiles.of(values(runs, Run::bestReward)),
                        Quartiles.of(values(runs, Run::hypervolume)), trueHypervolume.isPresent()
                        ? Optional.of(Quartiles.of(values(runs, r -> r.hypervolumeShare().getAsDouble())))
                        : Optional.empty(),
                        Quartiles.reached(values(runs, r -> r.budgetToTarget().orElse(Double.MAX_VALUE))), seeds));
                all.addAll(runs);
            }
        }
        return new Result(rows, all, target, optimum, trueHypervolume, any.objective());
    }

    private static double[] values(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).toArray();
    }

    /** What the first {@code budget} of one run's {@code trials} bought. */
    private Run score(StudySpec spec, String label, long seed, List<Trial> trials, double toTarget, double budget,
                      double optimum, OptionalDouble trueHypervolume) {
        List<Trial> paid = prefix(spec, trials, budget);
        double best = bestReward(spec, paid);
        double hypervolume = Hypervolume.of(spec.objective(), spec.fullFidelity(paid), reference);
        return new Run(label, seed, budget, best, spec.fullFidelity(paid).stream()
                .mapToDouble(t -> t.evaluation().orElseThrow().accuracy()).max().orElse(0),
                hypervolume, trueHypervolume.isPresent()
                ? OptionalDouble.of(hypervolume / trueHypervolume.getAsDouble()) : OptionalDouble.empty(),
                toTarget <= budget + EPSILON ? OptionalDouble.of(toTarget) : OptionalDouble.empty(),
                best >= optimum - EPSILON, (int) paid.stream().map(Trial::candidate).distinct().count());
    }

    /** One in-memory study of {@code variant} with {@code seed}, to {@code budget}. */
    private List<Trial> run(Variant variant, long seed, double budget) {
        String controller = variant.controller();
        StudySpec spec = spec(controller, seed, budget);
        Controller made = Controllers.create(controller);
        Study study = new Study(spec, new InMemoryStorage(), variant.screening().map(s -> s.around().apply(made))
                .orElse(made), InstantSource.fixed(Instant.EPOCH));
        Pruner pruner = variant.pruner();
        // One failure stops the run: on a table, a failure means a candidate the table lacks, not a bad candidate.
        Search.Result result = new Search(study, evaluator, latency, new SearchListener() { },
                InstantSource.fixed(Instant.EPOCH), new Search.Limits(1, Optional.empty(), pruner)).run();
        if (result.ending() != Search.Ending.DONE) {
            throw new IllegalStateException(controller + ", seed " + seed + ": " + result.message());
        }
        return study.trials();
    }

    private StudySpec spec(String controller, long seed, double budget) {
        return new StudySpec(space.name(), space, spaceYaml, space.name(), ControllerSpec.preset(controller), seed,
                budget,
                space.training().epochs(), data);
    }

    private static double bestReward(StudySpec spec, List<Trial> trials) {
        return spec.best(trials).map(t -> Reward.of(spec.objective(), t.evaluation().orElseThrow().scores()))
                .orElse(0.0);
    }

    /** The trials a budget of {@code budget} paid for, in the order they ran. */
    private static List<Trial> prefix(StudySpec spec, List<Trial> trials, double budget) {
        List<Trial> paid = new ArrayList<>();
        for (Trial trial : trials) {
            paid.add(trial);
            if (spec.spent(paid) > budget + EPSILON) {
                paid.remove(paid.size() - 1);
                break;
            }
        }
        return paid;
    }

    private static double budgetToReach(StudySpec spec, List<Trial> trials, double target) {
        for (int n = 1; n <= trials.size(); n++) {
            List<Trial> prefix = trials.subList(0, n);
            if (bestReward(spec, prefix) >= target - EPSILON) {
                return spec.spent(prefix);
            }
        }
        return Double.MAX_VALUE;
    }
}
