package dev.nas.latency.predictor;

import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.OpType;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.ActivationMemory;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.plan.Shortcut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a latency predictor sees of a candidate, computed from the architecture without building it: per block its
 * choices (op, kernel, expansion, SE ratio, skip, width, depth) and what its layers cost (multiply-accumulates,
 * parameters, peak activation memory, and their lookup-table sum where the device has a table); for the whole
 * network the same costs, its layers counted by kind (op, squeeze-and-excitation, shortcuts, projections), and
 * the table's sum and fitted latency.
 */
public final class Features {

    private static final List<String> BLOCK = List.of("op", "kernel", "expansion", "se", "skip", "filters",
            "layers", "macs", "params", "memory");

    private final SearchSpace space;
    private final Optional<FittedTable> table;
    private final List<String> names;

    public Features(SearchSpace space, Optional<FittedTable> table) {
        this.space = space;
        this.table = table;
        List<String> names = new ArrayList<>();
        for (int b = 0; b < space.blocks().size(); b++) {
            for (String name : BLOCK) {
                names.add("b" + b + "." + name);
            }
            if (table.isPresent()) {
                names.add("b" + b + ".lut_ms");
            }
        }
        names.addAll(List.of("macs", "params", "memory", "layers", "conv_layers", "dwconv_layers", "mbconv_layers",
                "skip_layers", "se_layers", "shortcuts", "projections"));
        if (table.isPresent()) {
            names.addAll(List.of("lut_sum_ms", "lut_ms"));
        }
        this.names = List.copyOf(names);
    }

    public SearchSpace space() {
        return space;
    }

    public List<String> names() {
        return names;
    }

    public Optional<FittedTable> table() {
        return table;
    }

    /** The table's estimate of the candidate's latency, where there is a table: what a predictor corrects. */
    public Optional<Double> lutMs(Candidate candidate) {
        return table.map(t -> t.latencyMs(NetworkPlan.of(space, candidate)));
    }

    /** The candidate's features in the order of {@link #names()}. */
    public double[] of(Candidate candidate) {
        NetworkPlan plan = NetworkPlan.of(space, candidate);
        double[] values = new double[names.size()];
        int i = 0;
        for (int b = 0; b < space.blocks().size(); b++) {
            BlockChoice block = candidate.blocks().get(b);
            int index = b;
            List<LayerSpec> layers = plan.layers().stream().filter(layer -> layer.block() == index).toList();
            Cost cost = layers.stream().map(Cost::of).reduce(Cost.ZERO, Cost::plus);
            values[i++] = block.op().type().ordinal();
            values[i++] = block.op().kernel();
            values[i++] = block.op().expansion();
            values[i++] = block.op().se();
            values[i++] = block.residual().ordinal();
            values[i++] = block.filters();
            values[i++] = layers.size();
            values[i++] = cost.macs();
            values[i++] = cost.params();
            values[i++] = layers.stream().mapToLong(ActivationMemory::peak).max().orElse(0);
            if (table.isPresent()) {
                values[i++] = table.get().table().sum(layers.stream().map(LayerKey::of).toList());
            }
        }
        Cost cost = Cost.of(plan);
        values[i++] = cost.macs();
        values[i++] = cost.params();
        values[i++] = ActivationMemory.peak(plan);
        values[i++] = plan.layers().size();
        for (OpType type : List.of(OpType.CONV, OpType.DWCONV, OpType.MBCONV, OpType.SKIP)) {
            values[i++] = plan.layers().stream().filter(layer -> layer.op().type() == type).count();
        }
        values[i++] = plan.layers().stream().filter(layer -> layer.squeezeChannels() > 0).count();
        values[i++] = plan.layers().stream().filter(layer -> layer.shortcut() != Shortcut.NONE).count();
        values[i++] = plan.layers().stream().filter(layer -> layer.shortcut() == Shortcut.PROJECTION).count();
        if (table.isPresent()) {
            values[i++] = table.get().table().sum(plan);
            values[i++] = table.get().latencyMs(plan);
        }
        return values;
    }
}
