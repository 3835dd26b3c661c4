package dev.nas.core.testing;

import dev.nas.core.controller.ControllerSpec;
import dev.nas.core.evaluation.Evaluator;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Stopped;
import dev.nas.core.trial.Trained;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic stand-ins for training and timing, for tests about the study rather than about DL4J: accuracy grows
 * with a candidate's parameters, latency with its multiply-accumulates, so trade-offs and fronts are real.
 */
public final class Fakes {

    public static final Conditions CONDITIONS = new Conditions("test", 1, "none", "none", "fake");

    private Fakes() {
    }

    public static StudySpec spec(String space, String controller, double budget, long seed) {
        return spec(space, ControllerSpec.preset(controller), budget, seed);
    }

    public static StudySpec spec(String space, ControllerSpec controller, double budget, long seed) {
        SearchSpace loaded = Spaces.shipped(space);
        return new StudySpec(space, loaded, Spaces.text(space), Spaces.file(space).toString(), controller, seed,
                budget, loaded.training().epochs(), new DataRef.Images("none", "0"));
    }

    public static Evaluator evaluator(SearchSpace space) {
        return (request, onEpoch, stop) -> {
            Cost cost = Cost.of(NetworkPlan.of(space, request.candidate()));
            double accuracy = 1 - 1 / Math.log(cost.params());
            List<EpochRecord> epochs = new ArrayList<>();
            int last = request.firstEpoch() + request.epochs() - 1;
            for (int e = request.firstEpoch(); e <= last; e++) {
                if (stop.getAsBoolean()) {
                    return new Stopped(epochs);
                }
                EpochRecord epoch = new EpochRecord(e, 1.0 / e, accuracy * e / last, 0.01);
                epochs.add(epoch);
                onEpoch.accept(epoch);
            }
            return new Trained(epochs, 0.01 * request.epochs(), 1000);
        };
    }

    public static LatencyModel latency(SearchSpace space) {
        return candidate -> new Latency(Cost.of(NetworkPlan.of(space, candidate)).macs() / 1e6, 0.01, 10,
                LatencySource.MEASURED, CONDITIONS);
    }

    /**
     * A landscape with a known optimum, for showing that a controller learns: accuracy rises from 0.5 to 1.0 with
     * the share of searched dimensions at their first option (for a range, the low end), the same after every epoch.
     */
    public static Evaluator synthetic(SearchSpace space) {
        return (request, onEpoch, stop) -> {
            double[] vector = space.codec().encode(request.candidate());
            double good = 0;
            for (double coordinate : vector) {
                good += coordinate == 0 ? 1 : Math.max(0, 1 - coordinate) * 0.5;
            }
            double accuracy = 0.5 + 0.5 * good / vector.length;
            List<EpochRecord> epochs = new ArrayList<>();
            int last = request.firstEpoch() + request.epochs() - 1;
            for (int e = request.firstEpoch(); e <= last; e++) {
                EpochRecord epoch = new EpochRecord(e, 1.0 / e, accuracy, 0.01);
                epochs.add(epoch);
                onEpoch.accept(epoch);
            }
            return new Trained(epochs, 0.01, 1000);
        };
    }

    /** The same latency for every candidate, so that the reward is the accuracy scaled by a constant. */
    public static LatencyModel constantLatency(double ms) {
        return candidate -> new Latency(ms, 0, 10, LatencySource.MEASURED, CONDITIONS);
    }
}
