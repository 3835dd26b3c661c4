package dev.nas.latency.predictor;

import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;

/** A candidate's latency from a device's learned predictor. A prediction has no spread and counts as one run. */
public final class PredictedLatency implements LatencyModel {

    private final LatencyPredictor.Bound predictor;
    private final Conditions conditions;

    public PredictedLatency(LatencyPredictor.Bound predictor, Conditions conditions) {
        this.predictor = predictor;
        this.conditions = conditions;
    }

    @Override
    public Latency latency(Candidate candidate) {
        return new Latency(predictor.latencyMs(candidate), 0, 1, LatencySource.PREDICTOR, conditions);
    }
}
