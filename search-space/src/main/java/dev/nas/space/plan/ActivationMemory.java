package dev.nas.space.plan;

import dev.nas.space.FeatureMap;
import java.util.stream.LongStream;

/**
 * Peak activation memory of one image's forward pass, in values (4 bytes each as FLOAT), computed from the plan.
 * Unlike parameters and multiply-accumulates it does not add up over layers: it is the largest amount live at any
 * one time. Each operation is taken as deployed, batch norm and activation fused into the convolution before them;
 * an operation holds its input and its output, and a layer's input stays live until its shortcut has used it.
 * Squeeze-and-excitation's pooled vectors are a few hundred values and are left out.
 */
public final class ActivationMemory {

    private ActivationMemory() {
    }

    public static long peak(NetworkPlan plan) {
        FeatureMap headIn = plan.headIn();
        long head = (long) headIn.pixels() * plan.headFilters();
        LongStream parts = LongStream.of(
                plan.input().elements() + plan.stemOut().elements(),
                headIn.elements() + head,
                head + plan.headFilters(),
                plan.headFilters() + plan.classes());
        return LongStream.concat(parts, plan.layers().stream().mapToLong(ActivationMemory::peak)).max()
                .orElseThrow();
    }

    /** The most a layer holds at once, its shortcut included. */
    public static long peak(LayerSpec layer) {
        long in = layer.in().elements();
        long out = layer.out().elements();
        long held = layer.shortcut() == Shortcut.NONE ? 0 : in;
        long inner = (long) layer.out().pixels() * layer.innerChannels();
        long excited = layer.squeezeChannels() == 0 ? 0 : held + 2L * (long) layer.out().pixels()
                * layer.excitedChannels();
        long body = switch (layer.op().type()) {
            case CONV -> Math.max(in + out, excited);
            case DWCONV -> max(in + inner, excited, held + inner + out);
            case MBCONV -> {
                long expanded = layer.op().expansion() > 1 ? (long) layer.in().pixels() * layer.innerChannels() : 0;
                yield max(in + expanded, (expanded > 0 ? held + expanded : in) + inner, excited, held + inner + out);
            }
            case SKIP -> projection(layer, 0);
        };
        long shortcut = switch (layer.shortcut()) {
            case NONE -> 0;
            case IDENTITY -> in + 2 * out;
            case PROJECTION -> Math.max(projection(layer, out), 3 * out);
        };
        return Math.max(body, shortcut);
    }

    /** Average pooling by the stride, then the 1 x 1 projection, while {@code alongside} values stay live. */
    private static long projection(LayerSpec layer, long alongside) {
        long in = layer.in().elements();
        long pooled = layer.stride() > 1 ? (long) layer.out().pixels() * layer.in().channels() : in;
        long projected = layer.in().channels() != layer.out().channels() ? layer.out().elements() : 0;
        return alongside + Math.max(layer.stride() > 1 ? in + pooled : 0, pooled + projected);
    }

    private static long max(long... values) {
        return LongStream.of(values).max().orElseThrow();
    }
}
