package dev.nas.latency.lut;

import dev.nas.space.BadInput;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.LayerOp;
import dev.nas.space.OpType;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.plan.Shortcut;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A layer configuration as a lookup table keys it: what decides its latency (op with kernel, expansion and SE ratio,
 * shortcut, stride, input shape, output channels) and nothing else. Token, e.g.
 * {@code mbconv_k3_e6_se0.25:identity:s1:14x14x24:24}.
 */
public record LayerKey(LayerOp op, Shortcut shortcut, int stride, FeatureMap in, int outChannels) {

    public LayerKey {
        if (stride < 1 || outChannels < 1) {
            throw new IllegalArgumentException("a layer needs a positive stride and output channels, got stride "
                    + stride + ", " + outChannels + " channels");
        }
    }

    public static LayerKey of(LayerSpec layer) {
        return new LayerKey(layer.op(), layer.shortcut(), layer.stride(), layer.in(), layer.out().channels());
    }

    /** The layer this key stands for, as a network plans it. */
    public LayerSpec spec() {
        return new LayerSpec(0, 0, op, shortcut, stride, in, in.after(stride, outChannels));
    }

    public String token() {
        return op.token() + ":" + shortcut.name().toLowerCase(Locale.ROOT) + ":s" + stride + ":" + in + ":"
                + outChannels;
    }

    /** Reads a token written by {@link #token()}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static LayerKey parse(String token) {
        String[] parts = token.strip().split(":");
        if (parts.length != 5 || !parts[2].startsWith("s")) {
            throw new BadInput("layer '" + token + "' is not OP:SHORTCUT:sSTRIDE:HxWxC:OUT");
        }
        String[] in = parts[3].split("x");
        try {
            Shortcut shortcut = Shortcut.valueOf(parts[1].toUpperCase(Locale.ROOT));
            if (in.length != 3) {
                throw new BadInput("'" + parts[3] + "' in layer '" + token + "' is not HxWxC");
            }
            return new LayerKey(LayerOp.parse(parts[0]), shortcut, Integer.parseInt(parts[2].substring(1)),
                    new FeatureMap(Integer.parseInt(in[0]), Integer.parseInt(in[1]), Integer.parseInt(in[2])),
                    Integer.parseInt(parts[4]));
        } catch (NumberFormatException e) {
            throw new BadInput("bad number in layer '" + token + "'");
        } catch (IllegalArgumentException e) {
            throw new BadInput("layer '" + token + "': " + e.getMessage());
        }
    }

    /**
     * What a lookup table times for a network: the stem (a convolution), every planned layer and the head's 1 x 1
     * convolution. The head's pooling and classifier are the same for every candidate of a space, so they belong
     * to the fitted overhead.
     */
    public static List<LayerKey> profiled(NetworkPlan plan) {
        List<LayerKey> layers = new ArrayList<>();
        layers.add(new LayerKey(LayerOp.of(OpType.CONV, plan.stem().kernel(), 1, 0), Shortcut.NONE,
                plan.stem().stride(), plan.input(), plan.stem().filters()));
        plan.layers().forEach(layer -> layers.add(of(layer)));
        layers.add(new LayerKey(LayerOp.of(OpType.CONV, 1, 1, 0), Shortcut.NONE, 1, plan.headIn(),
                plan.headFilters()));
        return layers;
    }

    /**
     * Every distinct layer configuration the space's candidates contain. A block's layers depend only on its own
     * choice and on the width of the block before it, so each block is planned with every choice (at its deepest)
     * after every width of the block before, everything else at a fixed value.
     */
    public static Set<LayerKey> distinct(SearchSpace space) {
        Candidate base = space.codec().sample(new SplittableRandom(0));
        Set<LayerKey> keys = new LinkedHashSet<>();
        for (int b = 0; b < space.blocks().size(); b++) {
            int block = b;
            List<Candidate> contexts = b == 0 ? List.of(base) : space.blocks().get(b - 1).filters().options().stream()
                    .map(width -> with(base, block - 1, base.blocks().get(block - 1).withFilters(width))).toList();
            int deepest = space.blocks().get(b).layers().options().stream().mapToInt(Integer::intValue).max()
                    .orElseThrow();
            for (Candidate context : contexts) {
                for (BlockChoice choice : space.blocks().get(b).choices()) {
                    if (choice.layers() == deepest) {
                        keys.addAll(profiled(NetworkPlan.of(space, with(context, block, choice))));
                    }
                }
            }
        }
        return keys;
    }

    private static Candidate with(Candidate candidate, int block, BlockChoice choice) {
        List<BlockChoice> blocks = new ArrayList<>(candidate.blocks());
        blocks.set(block, choice);
        return new Candidate(blocks, candidate.training());
    }
}
