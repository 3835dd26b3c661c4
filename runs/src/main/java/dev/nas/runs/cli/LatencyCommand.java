package dev.nas.runs.cli;

import dev.nas.latency.PredictionReport;
import dev.nas.latency.experiment.Estimate;
import dev.nas.runs.export.Table;
import dev.nas.space.BadInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** {@code nas latency}: lookup tables, learned predictors and device profiles. */
@Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency without measuring every candidate: per-layer lookup tables and learned predictors.",
            "Kept per device in devices/NAME/; a search uses them when its space says so under objective:",
            "  latency: {source: lut, device: local}",
            "  latency: {source: predictor, device: pi4}"},
        subcommands = {LatencySampleCommand.class, LatencyMeasureCommand.class, LatencyProfileCommand.class,
            LatencyImportCommand.class, LatencyTrainCommand.class, LatencyEvalCommand.class,
            LatencyPredictCommand.class, LatencyCurveCommand.class, LatencyTableCommand.class,
            LatencyBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar nas.jar latency profile --space spaces/mobile.yaml",
            "  java -jar nas.jar latency measure --space spaces/mobile.yaml --n 200",
            "  java -jar nas.jar latency train --space spaces/mobile.yaml",
            "  java -jar nas.jar latency sample --space spaces/mobile.yaml --n 200 --out pi4.csv",
            "  java -jar nas.jar latency import --space spaces/mobile.yaml --device pi4 --csv pi4.csv",
            "  java -jar nas.jar latency predict --space spaces/mobile.yaml --device pi4 --csv more.csv --out p.csv",
            "  java -jar nas.jar latency curve --space spaces/mobile.yaml --device pi4 --transfer-from local",
            "  java -jar nas.jar latency bench --space spaces/mobile.yaml --n 200"})
final class LatencyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new BadInput("give a subcommand: sample, measure, profile, import, train, eval, predict, curve, table "
                + "or bench (see nas latency --help)");
    }

    private static final List<String> ESTIMATE_COLUMNS = List.of("latency", "networks", "rmse_ms", "mape_percent",
            "within_5_percent", "within_10_percent", "kendall_tau");

    /** How estimates did, one row each, with {@code more} columns after the shared ones. */
    static Table estimates(List<Estimate> estimates, List<String> more, Function<Estimate, List<Object>> extra) {
        List<String> columns = new ArrayList<>(ESTIMATE_COLUMNS);
        columns.addAll(more);
        return new Table(columns, estimates.stream().map(e -> {
            PredictionReport r = e.report();
            List<Object> row = new ArrayList<>(Table.row(e.source(), r.n(), r.rmseMs(), 100 * r.mape(),
                    100 * r.within5(), 100 * r.within10(), r.kendallTau()));
            row.addAll(extra.apply(e));
            return row;
        }).toList());
    }

    static Table estimates(List<Estimate> estimates) {
        return estimates(estimates, List.of(), e -> List.of());
    }
}
