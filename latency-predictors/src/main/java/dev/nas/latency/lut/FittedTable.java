package dev.nas.latency.lut;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import java.util.List;

/** A lookup table with the fit that turns its sums into networks' latency: what a table predicts with. */
public record FittedTable(LookupTable table, LutFit fit) {

    /** Fits {@code table} to networks of {@code space} measured whole; every one's layers must be in the table. */
    public static FittedTable fit(LookupTable table, SearchSpace space, List<MeasuredNetwork> networks) {
        List<List<LayerKey>> layers = networks.stream()
                .map(n -> LayerKey.profiled(NetworkPlan.of(space, n.candidate()))).toList();
        return new FittedTable(table, LutFit.fit(layers.stream().mapToDouble(table::sum).toArray(),
                layers.stream().mapToInt(List::size).toArray(),
                networks.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray()));
    }

    public double latencyMs(NetworkPlan plan) {
        List<LayerKey> layers = LayerKey.profiled(plan);
        return fit.latencyMs(table.sum(layers), layers.size());
    }

    @Override
    public String toString() {
        return table.rows().size() + " layers, " + fit;
    }
}
