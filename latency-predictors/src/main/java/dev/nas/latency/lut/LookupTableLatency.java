package dev.nas.latency.lut;

import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;

/**
 * A candidate's latency from a lookup table: the sum of its layers' rows through the fitted overhead and scale.
 * A prediction has no spread of its own and counts as one run.
 */
public final class LookupTableLatency implements LatencyModel {

    private final SearchSpace space;
    private final LookupTable table;
    private final LutFit fit;
    private final Conditions conditions;

    public LookupTableLatency(SearchSpace space, LookupTable table, LutFit fit, Conditions conditions) {
        this.space = space;
        this.table = table;
        this.fit = fit;
        this.conditions = conditions;
    }

    public double latencyMs(Candidate candidate) {
        return fit.latencyMs(table.sum(NetworkPlan.of(space, candidate)));
    }

    @Override
    public Latency latency(Candidate candidate) {
        return new Latency(latencyMs(candidate), 0, 1, LatencySource.LOOKUP_TABLE, conditions);
    }
}
