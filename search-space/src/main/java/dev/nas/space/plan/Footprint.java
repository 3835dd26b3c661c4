package dev.nas.space.plan;

import dev.nas.space.LatencySpec;
import dev.nas.space.Objective;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes a planned network occupies when it runs: its weights (model size) and the most activations live at once
 * in one image's forward pass ({@link ActivationMemory}), every value as wide as {@code precision} stores it. Model
 * size counts the trainable parameters only; a file adds its format's overhead, and int8 adds a few scales.
 */
public record Footprint(long sizeBytes, long memoryBytes) {

    public static Footprint of(NetworkPlan plan, Cost cost, LatencySpec.Precision precision) {
        return new Footprint(Math.multiplyExact(cost.params(), precision.bytes()),
                Math.multiplyExact(ActivationMemory.peak(plan), precision.bytes()));
    }

    /** The values of {@link Objective#SIZE} and {@link Objective#MEMORY} beside {@code others}, by their names. */
    public Map<String, Double> with(Map<String, Double> others) {
        Map<String, Double> values = new HashMap<>(others);
        values.put(Objective.SIZE.token(), (double) sizeBytes);
        values.put(Objective.MEMORY.token(), (double) memoryBytes);
        return values;
    }
}
