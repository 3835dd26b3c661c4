package dev.nas.space.plan;

import dev.nas.space.FeatureMap;
import dev.nas.space.LayerOp;
import dev.nas.space.OpType;

/**
 * One planned layer. A {@link OpType#SKIP} layer only appears where the shape changes; it then stands for the
 * projection that {@link Shortcut#PROJECTION} also uses.
 *
 * @param block index of the block in the space
 * @param index index of the layer within its block
 */
public record LayerSpec(int block, int index, LayerOp op, Shortcut shortcut, int stride, FeatureMap in,
                        FeatureMap out) {

    /** Channels inside the layer: the expanded width of an inverted bottleneck, else the input channels. */
    public int innerChannels() {
        return op.type() == OpType.MBCONV ? in.channels() * op.expansion() : in.channels();
    }

    /** Channels that squeeze-and-excitation rescales: the output of a conv, the depthwise output otherwise. */
    public int excitedChannels() {
        return op.type() == OpType.CONV ? out.channels() : innerChannels();
    }

    /** Squeeze width of squeeze-and-excitation, from the layer's input channels as in MnasNet; 0 without SE. */
    public int squeezeChannels() {
        return op.se() > 0 ? Math.max(1, (int) (in.channels() * op.se())) : 0;
    }

    /** A stable name for this layer in a built network, e.g. {@code b2l0}. */
    public String name() {
        return "b" + block + "l" + index;
    }
}
