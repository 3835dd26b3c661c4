package dev.nas.latency.predictor;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LookupTable;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.List;
import java.util.Optional;

/**
 * Latency predicted for networks held out of training: the lookup table through an overhead fitted on the training
 * networks only, and a predictor trained on them only. What {@code nas latency train} reports, and each fold of
 * {@code nas latency bench}.
 *
 * @param fit       the table and its fit, where the device has a table
 * @param lutMs     the table's prediction of each held-out network, where the device has a table
 * @param predicted the predictor's prediction of each held-out network
 */
public record HoldOut(Optional<FittedTable> fit, Optional<double[]> lutMs, PredictorTraining.Result training,
                      double[] predicted) {

    /**
     * Fits on {@code training}, predicts {@code test}. {@code table} is the device's lookup table for the space, or
     * {@link LookupTable#EMPTY} for a device measured elsewhere; the predictor chooses its kind by
     * {@code folds}-fold cross-validation on the training networks.
     */
    public static HoldOut of(SearchSpace space, LookupTable table, List<MeasuredNetwork> training,
                             List<MeasuredNetwork> test, int folds, long seed, String device) {
        return of(space, table, training, test, folds, seed, device, Optional.empty());
    }

    /**
     * As {@link #of(SearchSpace, LookupTable, List, List, int, long, String)}, but where {@code transferFrom} is
     * given, a few-shot predictor ({@link TransferTraining}) from those source devices' predictors (none: from the
     * architecture's costs alone).
     */
    public static HoldOut of(SearchSpace space, LookupTable table, List<MeasuredNetwork> training,
                             List<MeasuredNetwork> test, int folds, long seed, String device,
                             Optional<List<LatencyPredictor>> transferFrom) {
        Optional<FittedTable> fit = table.rows().isEmpty() ? Optional.empty()
                : Optional.of(FittedTable.fit(table, space, training));
        Features features = new Features(space, fit);
        PredictorTraining.Result trained = transferFrom.isPresent()
                ? TransferTraining.train(features, transferFrom.get(), training, folds, seed, device)
                : PredictorTraining.train(features, training, folds, seed, device);
        LatencyPredictor.Bound predictor = trained.predictor().bind(space);
        Optional<double[]> lut = fit.map(f -> test.stream().mapToDouble(n -> f.latencyMs(
                NetworkPlan.of(space, n.candidate()))).toArray());
        return new HoldOut(fit, lut, trained, test.stream().mapToDouble(n -> predictor.latencyMs(n.candidate()))
                .toArray());
    }
}
