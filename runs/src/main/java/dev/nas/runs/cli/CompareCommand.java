package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.study.DataRef;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.runs.app.Prescreen;
import dev.nas.runs.compare.Comparison;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Compares controllers on a tabular benchmark over many seeds: what each finds for a budget, and how much budget it
 * needs to match random search. The figures belong in the README, not in tests.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs controllers against a tabular benchmark over many seeds and budgets.",
            "Prints per controller and budget the quartiles of the best reward, of the hypervolume of the "
                + "accuracy-latency front, and of the budget needed to reach random search's median best at the "
                + "largest budget."})
final class CompareCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Option(names = "--table", paramLabel = "CSV", required = true, description = "The tabular benchmark.")
    Path table;

    @Option(names = "--controllers", paramLabel = "NAMES", split = ",",
            description = "Controllers to compare (default: all).")
    List<String> controllers;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "20",
            description = "Seeds per controller (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--budgets", paramLabel = "B", split = ",", defaultValue = "25,50,100",
            description = "Budgets in full trainings (default: ${DEFAULT-VALUE}).")
    List<Double> budgets;

    /** Each controller is also run with what these give, in rows of its own. */
    @Mixin
    CheaperTrialsOptions cheaper;

    @Override
    public Integer call() throws Exception {
        SearchSpace searchSpace = space.space();
        TabularBenchmark benchmark = TabularBenchmark.read(table, searchSpace);
        benchmark.checkServes(searchSpace.training().epochs());
        if (!benchmark.timed()) {
            throw new BadInput(table + ": the table has no latency_ms; a comparison scores each front by its "
                    + "hypervolume over accuracy and latency");
        }
        TableObjective objective = new TableObjective(benchmark);
        double slowest = benchmark.rows().stream().mapToDouble(r -> r.latencyMs().orElse(0)).max().orElse(1);
        List<String> names = controllers == null ? ControllerSpec.PRESETS : controllers;
        names.forEach(name -> ControllerSpec.preset(name).checkFits(searchSpace.training().epochs()));
        Comparison comparison = new Comparison(searchSpace, space.source().yaml(),
                new DataRef.Table(table.toString(), "", true), objective, objective, slowest);
        long start = System.nanoTime();
        Optional<Comparison.Screening> screening = cheaper.prescreen()
                .map(p -> p.screening(searchSpace, Prescreen.embeddedFor(searchSpace).orElseThrow(() -> new BadInput(
                        "--prescreen: a proxy needs images of the space's input, " + searchSpace.input()
                                + "; the embedded images are " + Dataset.embedded().train().shape()))));
        List<Comparison.Row> rows = comparison.compare(names, seeds, budgets, cheaper.pruner(), screening);
        double largest = budgets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.print(new Table(List.of("controller", "budget", "best_reward", "hypervolume",
                "budget_to_random_best"), rows.stream().map(r -> Table.row(r.controller(), r.budget(),
                quartiles(r.bestReward(), "%.4f"), quartiles(r.hypervolume(), "%.3f"),
                toTarget(r.budgetToTarget(), largest))).toList()).write(Format.TABLE));
        System.out.printf("%n%d seeds per controller; median [lower quartile, upper quartile]; hypervolume in "
                        + "accuracy x ms up to %.3f ms; %d candidates in %s; %.1f s in all%n", seeds, slowest,
                benchmark.rows().size(), table, (System.nanoTime() - start) / 1e9);
        return Main.DONE;
    }

    private static String quartiles(Comparison.Quartiles q, String format) {
        return String.format(format + " [" + format + ", " + format + "]", q.median(), q.q1(), q.q3());
    }

    private static String toTarget(Comparison.Quartiles q, double largest) {
        return format(q.median(), largest) + " [" + format(q.q1(), largest) + ", " + format(q.q3(), largest) + "]";
    }

    private static String format(double budget, double largest) {
        return budget > largest ? "never" : String.format("%.1f", budget);
    }
}
