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
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Trial;
import dev.nas.space.SearchSpace;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Controllers compared on an objective that costs no training (a tabular benchmark), over many seeds, at several
 * budgets: the best reward found, the hypervolume of the accuracy-latency front, and the budget each needed to reach
 * random search's median best at the largest budget. Each (controller, seed) runs once at the largest budget; a
 * smaller budget reads the same run's prefix, which is what that budget would have bought, since no controller here
 * plans by the total budget.
 */
public final class Comparison {

    private static final double EPSILON = 1e-9;

    private final SearchSpace space;
    private final String spaceYaml;
    private final DataRef data;
    private final Evaluator evaluator;
    private final LatencyModel latency;
    private final double referenceLatencyMs;

    /**
     * @param referenceLatencyMs where hypervolume stops counting: the same for every controller, e.g. the slowest
     *                           latency in the table
     */
    public Comparison(SearchSpace space, String spaceYaml, DataRef data, Evaluator evaluator, LatencyModel latency,
                      double referenceLatencyMs) {
        this.space = space;
        this.spaceYaml = spaceYaml;
        this.data = data;
        this.evaluator = evaluator;
        this.latency = latency;
        this.referenceLatencyMs = referenceLatencyMs;
    }

    /** Lower quartile, median and upper quartile over seeds. */
    public record Quartiles(double q1, double median, double q3) {

        static Quartiles of(double[] values) {
            Percentile percentile = new Percentile();
            percentile.setData(values);
            return new Quartiles(percentile.evaluate(25), percentile.evaluate(50), percentile.evaluate(75));
        }
    }

    /**
     * One controller at one budget, over every seed.
     *
     * @param budgetToTarget budget spent when the best reward first reached random search's median best at the
     *                       largest budget; {@link Double#MAX_VALUE} for a run that never did (infinity would turn
     *                       quartiles into NaN)
     */
    public record Row(String controller, double budget, Quartiles bestReward, Quartiles hypervolume,
                      Quartiles budgetToTarget, int seeds) {
    }

    /**
     * Compares {@code controllers} (random first, as the yardstick) over seeds 1..{@code seeds}; with a
     * {@code pruner}, each controller that trains every candidate fully runs once more with it, in a row of its own
     * ({@code random + median}).
     */
    public List<Row> compare(List<String> controllers, int seeds, List<Double> budgets, Pruner pruner) {
        double largest = budgets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<String> order = new ArrayList<>(List.of("random"));
        controllers.stream().filter(c -> !c.equals("random")).forEach(order::add);
        List<Map.Entry<String, Pruner>> configurations = new ArrayList<>();
        for (String controller : order) {
            configurations.add(Map.entry(controller, Pruner.NONE));
            if (pruner != Pruner.NONE && !ControllerSpec.preset(controller).multiFidelity()) {
                configurations.add(Map.entry(controller, pruner));
            }
        }
        double target = Double.NaN;
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Pruner> configuration : configurations) {
            String controller = configuration.getKey();
            List<List<Trial>> runs = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                runs.add(run(controller, seed, largest, configuration.getValue()));
            }
            StudySpec spec = spec(controller, 1, largest);
            String label = controller + (configuration.getValue() == Pruner.NONE ? ""
                    : " + " + configuration.getValue().token());
            if (controller.equals("random") && configuration.getValue() == Pruner.NONE) {
                target = Quartiles.of(runs.stream().mapToDouble(r -> bestReward(spec, r)).toArray()).median();
            }
            double reach = target;
            double[] toTarget = runs.stream().mapToDouble(r -> budgetToReach(spec, r, reach)).toArray();
            for (double budget : budgets) {
                List<List<Trial>> prefixes = runs.stream().map(r -> prefix(spec, r, budget)).toList();
                rows.add(new Row(label, budget,
                        Quartiles.of(prefixes.stream().mapToDouble(p -> bestReward(spec, p)).toArray()),
                        Quartiles.of(prefixes.stream().mapToDouble(
                                p -> Hypervolume.of(spec.fullFidelity(p), referenceLatencyMs)).toArray()),
                        Quartiles.of(toTarget), seeds));
            }
        }
        return rows;
    }

    /** One in-memory study of {@code controller} with {@code seed}, to {@code budget}, pruning with {@code pruner}. */
    List<Trial> run(String controller, long seed, double budget, Pruner pruner) {
        StudySpec spec = spec(controller, seed, budget);
        Study study = new Study(spec, new InMemoryStorage(), Controllers.create(controller),
                InstantSource.fixed(Instant.EPOCH));
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
