package dev.nas.latency.predictor;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.space.BadInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a few-shot predictor for a device from a few of its networks measured whole and what other devices'
 * predictors say of them: a {@link Transfer} alone, or, once there are {@link #MIN_RESIDUAL} networks, also the
 * transfer corrected by gradient boosting or a random forest on the architecture's features (learning the ratio of
 * measured to transferred latency, as a predictor with a table learns the ratio to the table), or those trees
 * without the transfer: with enough of its own networks a device can be better predicted from them alone than
 * through sources that rank its networks differently (measured: a DL4J device from ONNX Runtime sources). Which is
 * kept is chosen by cross-validated mean absolute percentage error, the transfer refitted in every fold; with fewer
 * networks trees would fit noise, so the transfer is kept and cross-validation only reports on it.
 */
public final class TransferTraining {

    /** Fewest networks: each cross-validation fold's transfer is then fitted on {@link Transfer#MIN_SAMPLES}. */
    public static final int MIN_SAMPLES = Transfer.MIN_SAMPLES + 1;
    /** Fewest networks for a corrected transfer: each of five folds then trains trees on 24 or more. */
    public static final int MIN_RESIDUAL = 30;

    private TransferTraining() {
    }

    /**
     * The predictor for {@code device} from {@code samples} and {@code sources} (none: from the architecture's costs
     * alone), cross-validated on {@code folds} folds shuffled by {@code seed}, or leaving one out where folds would
     * leave too few to fit on; fewer than {@link #MIN_SAMPLES} are refused.
     */
    public static PredictorTraining.Result train(Features features, List<LatencyPredictor> sources,
                                                 List<MeasuredNetwork> samples, int folds, long seed, String device) {
        if (samples.size() < MIN_SAMPLES) {
            throw new BadInput("a few-shot predictor needs at least " + MIN_SAMPLES + " measured networks, got "
                    + samples.size());
        }
        Transfer transfer = Transfer.fit(features.space(), sources, samples);
        List<Trees> residuals = samples.size() >= MIN_RESIDUAL ? Trees.ALL : List.of();
        int n = samples.size();
        int k = n - (n + folds - 1) / folds >= Transfer.MIN_SAMPLES ? folds : n;
        int[] fold = PredictorTraining.folds(samples.size(), k, seed);
        double[] alone = new double[samples.size()];
        List<double[]> corrected = residuals.stream().map(r -> new double[samples.size()]).toList();
        for (int f = 0; f < k; f++) {
            int held = f;
            List<MeasuredNetwork> training = IntStream.range(0, samples.size()).filter(i -> fold[i] != held)
                    .mapToObj(samples::get).toList();
            Transfer folded = Transfer.fit(features.space(), sources, training);
            Transfer.Bound base = folded.bind(features.space());
            List<LatencyPredictor.Bound> models = new ArrayList<>();
            for (Trees trees : residuals) {
                models.add(PredictorTraining.fit(trees.kind(), features, trees.onTransfer() ? folded : null, training,
                        seed, "cross-validation", null).bind(features.space()));
            }
            for (int i = 0; i < samples.size(); i++) {
                if (fold[i] == held) {
                    alone[i] = base.latencyMs(samples.get(i).candidate());
                    for (int r = 0; r < models.size(); r++) {
                        corrected.get(r)[i] = models.get(r).latencyMs(samples.get(i).candidate());
                    }
                }
            }
        }
        double[] measured = samples.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        Map<String, PredictionReport> reports = new LinkedHashMap<>();
        reports.put(transfer.toString(), PredictionReport.of(measured, alone));
        Trees best = null;
        double bestMape = reports.get(transfer.toString()).mape();
        for (int r = 0; r < residuals.size(); r++) {
            PredictionReport report = PredictionReport.of(measured, corrected.get(r));
            reports.put(residuals.get(r).label(transfer), report);
            if (report.mape() < bestMape) {
                bestMape = report.mape();
                best = residuals.get(r);
            }
        }
        LatencyPredictor predictor = best == null
                ? new LatencyPredictor(device, features.space().name(), null, null, null, features,
                        samples.stream().map(MeasuredNetwork::candidate).toList(),
                        reports.get(transfer.toString()), transfer)
                : PredictorTraining.fit(best.kind(), features, best.onTransfer() ? transfer : null, samples, seed,
                        device, reports.get(best.label(transfer)));
        return new PredictorTraining.Result(predictor, reports);
    }

    /** Trees cross-validated beside the transfer alone: correcting it, or on the architecture's features alone. */
    private record Trees(PredictorTraining.Kind kind, boolean onTransfer) {

        static final List<Trees> ALL = List.of(new Trees(PredictorTraining.Kind.GRADIENT_BOOSTING, true),
                new Trees(PredictorTraining.Kind.RANDOM_FOREST, true),
                new Trees(PredictorTraining.Kind.GRADIENT_BOOSTING, false),
                new Trees(PredictorTraining.Kind.RANDOM_FOREST, false));

        String label(Transfer transfer) {
            return onTransfer ? transfer + " + " + kind.token() : kind.token();
        }
    }
}
