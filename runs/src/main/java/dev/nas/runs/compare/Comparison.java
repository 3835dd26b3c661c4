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
import dev.nas.core.trial.Trial;
import dev.nas.space.SearchSpace;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
    public List<Row> compare(List<String> controllers, int seeds, List<Double> budgets, Pruner pruner,
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
        double target = Double.NaN;
        List<Row> rows = new ArrayList<>();
        for (Variant variant : variants) {
            String controller = variant.controller();
            List<List<Trial>> runs = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                runs.add(run(variant, seed, largest));
            }
            StudySpec spec = spec(controller, 1, largest);
            String label = variant.label();
            if (variant.equals(new Variant("random", Pruner.NONE, Optional.empty()))) {
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
