package dev.nas.runs.cli;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.scoring.Hypervolume;
import dev.nas.core.study.DataRef;
import dev.nas.core.trial.Scores;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.table.TableObjective;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.runs.app.Prescreen;
import dev.nas.runs.compare.Comparison;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.StudyTables;
import dev.nas.runs.export.Table;
import dev.nas.space.BadInput;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            "Prints per controller and budget the quartiles of the best reward, of the hypervolume of the front "
                + "over the space's objectives (and its share of the true front's, for a table of every candidate), "
                + "and of the budget needed to reach random search's best (the highest reward at least half of "
                + "random's runs reach by the largest budget).",
            "With --out, also writes one row per controller, seed and budget."})
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

    @Option(names = "--out", paramLabel = "FILE", description = "Also write one row per controller, seed and budget "
            + "to FILE, as CSV or JSON by its extension (.csv, .json).")
    Path out;

    /** Each controller is also run with what these give, in rows of its own. */
    @Mixin
    CheaperTrialsOptions cheaper;

    @Override
    public Integer call() throws Exception {
        Optional<Format> outFormat = Optional.ofNullable(out).map(file -> Format.ofFile(file, "--out"));
        Path folder = out == null ? null : out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            // Refused now rather than after a comparison that may take minutes.
            throw new BadInput("--out: " + out + ": no such folder " + folder);
        }
        SearchSpace searchSpace = space.space();
        TabularBenchmark benchmark = TabularBenchmark.read(table, searchSpace);
        benchmark.checkServes(searchSpace.training().epochs());
        DataRef.Table data = new DataRef.Table(table.toString(), "", benchmark.timed());
        ObjectiveSpec objectives = benchmark.objective(searchSpace);
        TableObjective objective = new TableObjective(benchmark);
        List<Scores> universe = benchmark.scores(searchSpace, searchSpace.training().epochs().max());
        Hypervolume.Reference reference = Hypervolume.Reference.of(objectives, universe);
        List<String> names = controllers == null ? ControllerSpec.PRESETS : controllers;
        names.forEach(name -> ControllerSpec.preset(name).checkFits(searchSpace.training().epochs()));
        Comparison comparison = new Comparison(searchSpace, space.source().yaml(), data, objective, objective,
                reference, new Comparison.Universe(universe, benchmark.complete(searchSpace)));
        long start = System.nanoTime();
        Optional<Comparison.Screening> screening = cheaper.prescreen()
                .map(p -> p.screening(searchSpace, Prescreen.embeddedFor(searchSpace).orElseThrow(() -> new BadInput(
                        "--prescreen: a proxy needs images of the space's input, " + searchSpace.input()
                                + "; the embedded images are " + Dataset.embedded().train().shape()))));
        Comparison.Result result = comparison.compare(names, seeds, budgets, cheaper.pruner(), screening);
        boolean complete = result.trueHypervolume().isPresent();
        // Counts (MACs, bytes) make volumes of ten digits and more: those in four significant digits.
        String volumes = result.rows().stream().anyMatch(r -> r.hypervolume().q3() >= 1e4) ? "%.4g" : "%.3f";
        List<String> columns = new ArrayList<>(List.of("controller", "budget", "best_reward", "hypervolume"));
        if (complete) {
            columns.add("hypervolume_share");
        }
        columns.add("budget_to_random_best");
        System.out.print(new Table(columns, result.rows().stream().map(r -> {
            List<Object> row = new ArrayList<>(Table.row(r.controller(), r.budget(), quartiles(r.bestReward(), "%.4f"),
                    quartiles(r.hypervolume(), volumes)));
            r.hypervolumeShare().ifPresent(share -> row.add(quartiles(share, "%.3f")));
            row.add(toTarget(r.budgetToTarget(), r.budget()));
            return row;
        }).toList()).write(Format.TABLE));
        System.out.printf("%n%d seeds per controller; median [lower quartile, upper quartile]; objectives %s; "
                        + "hypervolume in %s from %s%s; random's best %.4f (reached by at least half of random's "
                        + "runs); the table's best reward %.4f; %d candidates in %s (%s); %.1f s in all%n", seeds,
                StudyTables.describe(objectives), Hypervolume.unit(objectives), reference.describe(objectives),
                complete ? String.format(Locale.ROOT, ", the true front's " + volumes,
                        result.trueHypervolume().getAsDouble())
                        : "", result.target(), result.optimum(), benchmark.rows().size(), table,
                complete ? "every candidate of the space" : "not every candidate of the space",
                (System.nanoTime() - start) / 1e9);
        if (outFormat.isPresent()) {
            Files.writeString(out, result.runsTable().write(outFormat.get()), StandardCharsets.UTF_8);
            System.out.println("one row per controller, seed and budget in " + out);
        }
        return Main.DONE;
    }

    private static String quartiles(Comparison.Quartiles q, String format) {
        return String.format(format + " [" + format + ", " + format + "]", q.median(), q.q1(), q.q3());
    }

    private static String toTarget(Comparison.Quartiles q, double budget) {
        return format(q.median(), budget) + " [" + format(q.q1(), budget) + ", " + format(q.q3(), budget) + "]";
    }

    private static String format(double spent, double budget) {
        return spent > budget ? "never" : String.format("%.1f", spent);
    }
}
