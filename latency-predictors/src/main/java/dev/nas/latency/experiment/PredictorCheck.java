package dev.nas.latency.experiment;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.predictor.LatencyPredictor;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A device's saved predictor, and the lookup table it reads, judged on networks it was not trained on: the device's
 * others, or a sheet measured elsewhere. What {@code nas latency eval} reports.
 *
 * @param predictor the saved predictor
 * @param unseen    the networks judged by
 * @param estimates how each estimate did, the table first where the predictor reads one
 */
public record PredictorCheck(LatencyPredictor predictor, List<MeasuredNetwork> unseen, List<Estimate> estimates) {

    /** Judges {@code device}'s predictor for {@code space} on {@code sheet}, or on the device's unseen networks. */
    public static PredictorCheck run(DeviceProfile device, SearchSpace space, Optional<Path> sheet) {
        LatencyPredictor.Bound predictor = device.predictor(space);
        List<MeasuredNetwork> unseen;
        if (sheet.isPresent()) {
            LatencySheet.Read read = LatencySheet.read(sheet.get(), space, Set.of());
            if (!read.bad().isEmpty()) {
                throw new BadInput(read.bad().size() + " rows of " + sheet.get() + " are bad:\n  "
                        + String.join("\n  ", read.bad().stream().map(Object::toString).toList()));
            }
            unseen = read.good();
        } else {
            unseen = device.networks(space).stream()
                    .filter(n -> !predictor.predictor().trainedOn(n.candidate())).toList();
        }
        if (unseen.size() < 2) {
            throw new BadInput("fewer than two networks to judge the predictor of device '"
                    + device.name() + "' by: measure more, or give --csv");
        }
        double[] measured = unseen.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray();
        List<Estimate> estimates = new ArrayList<>();
        predictor.predictor().table().ifPresent(table -> estimates.add(new Estimate("lookup table",
                PredictionReport.of(measured, unseen.stream().mapToDouble(n -> table.latencyMs(NetworkPlan.of(space,
                        n.candidate()))).toArray()))));
        estimates.add(new Estimate("predictor (" + predictor.predictor().kind().token() + ")", PredictionReport.of(
                measured, unseen.stream().mapToDouble(n -> predictor.latencyMs(n.candidate())).toArray())));
        return new PredictorCheck(predictor.predictor(), List.copyOf(unseen), List.copyOf(estimates));
    }
}
