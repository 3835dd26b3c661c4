package dev.nas.latency.experiment;

import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A device's saved predictor, and the lookup table it reads, judged on networks it was not trained on: the device's
 * others, or a sheet measured elsewhere, less the rows the predictor was trained on. What {@code nas latency eval}
 * reports.
 *
 * @param predictor   the saved predictor
 * @param predictions the predictor's estimate of each network judged by, with its measured latency
 * @param dropped     how many rows were left out because the predictor was trained on their architecture
 * @param estimates   how each estimate did, the table first where the predictor reads one
 */
public record PredictorCheck(LatencyPredictor predictor, List<Prediction> predictions, int dropped,
                             List<Estimate> estimates) {

    /**
     * Judges {@code device}'s predictor for {@code space} on {@code sheet}'s rows (each with its latency), or on the
     * device's networks; either way without the architectures it was trained on.
     */
    public static PredictorCheck run(DeviceProfile device, SearchSpace space,
                                     Optional<List<LatencySheet.Entry>> sheet) {
        LatencyPredictor.Bound predictor = device.predictor(space);
        List<LatencySheet.Entry> rows = sheet.orElseGet(() -> device.networks(space).stream().map(n ->
                new LatencySheet.Entry(n.candidate().key(), n.candidate(), OptionalDouble.of(n.latencyMs()))).toList());
        List<LatencySheet.Entry> unseen = rows.stream()
                .filter(row -> !predictor.predictor().trainedOn(row.candidate())).toList();
        if (unseen.size() < 2) {
            throw new BadInput("fewer than two networks to judge the predictor of device '" + device.name()
                    + "' by (" + (rows.size() - unseen.size()) + " of " + rows.size() + " were trained on): measure "
                    + "more, or give --csv");
        }
        List<Prediction> predictions = predict(predictor, unseen);
        double[] measured = predictions.stream().mapToDouble(p -> p.measuredMs().orElseThrow()).toArray();
        List<Estimate> estimates = new ArrayList<>();
        predictor.predictor().table().ifPresent(table -> estimates.add(new Estimate("lookup table",
                PredictionReport.of(measured, unseen.stream().mapToDouble(row -> table.latencyMs(NetworkPlan.of(space,
                        row.candidate()))).toArray()))));
        estimates.add(new Estimate("predictor (" + predictor.predictor().label() + ")", PredictionReport.of(
                measured, predictions.stream().mapToDouble(Prediction::predictedMs).toArray())));
        return new PredictorCheck(predictor.predictor(), predictions, rows.size() - unseen.size(),
                List.copyOf(estimates));
    }

    /** {@code predictor}'s estimate of each row, in order. */
    public static List<Prediction> predict(LatencyPredictor.Bound predictor, List<LatencySheet.Entry> rows) {
        return rows.stream().map(row -> new Prediction(row.key(), row.latencyMs(),
                predictor.latencyMs(row.candidate()))).toList();
    }
}
