package dev.nas.latency;

import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;
import java.util.function.ToDoubleFunction;

/**
 * Latency estimated rather than measured, by a lookup table or a learned predictor, for the device the conditions
 * describe. An estimate has no spread of its own and counts as one run.
 *
 * <pre>{@code
 * LatencyModel latency = new EstimatedLatency(LatencySource.PREDICTOR, predictor::latencyMs, device.conditions());
 * }</pre>
 */
public final class EstimatedLatency implements LatencyModel {

    private final LatencySource source;
    private final ToDoubleFunction<Candidate> estimateMs;
    private final Conditions conditions;

    public EstimatedLatency(LatencySource source, ToDoubleFunction<Candidate> estimateMs, Conditions conditions) {
        if (source == LatencySource.MEASURED) {
            throw new IllegalArgumentException("an estimate is not a measurement");
        }
        this.source = source;
        this.estimateMs = estimateMs;
        this.conditions = conditions;
    }

    @Override
    public Latency latency(Candidate candidate) {
        return new Latency(estimateMs.applyAsDouble(candidate), 0, 1, source, conditions);
    }
}
