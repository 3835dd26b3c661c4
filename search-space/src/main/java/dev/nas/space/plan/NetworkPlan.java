package dev.nas.space.plan;

import dev.nas.space.BlockChoice;
import dev.nas.space.BlockSpace;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.OpType;
import dev.nas.space.Residual;
import dev.nas.space.SearchSpace;
import dev.nas.space.Stem;
import java.util.ArrayList;
import java.util.List;

/**
 * The network a candidate builds: the stem, every layer with its shapes and shortcut, and the head.
 * The first layer of a block applies the block's stride and changes the channels; the others keep the shape.
 */
public record NetworkPlan(FeatureMap input, Stem stem, FeatureMap stemOut, List<LayerSpec> layers, int headFilters,
                          int classes) {

    public NetworkPlan {
        layers = List.copyOf(layers);
    }

    public static NetworkPlan of(SearchSpace space, Candidate candidate) {
        space.check(candidate);
        FeatureMap stemOut = space.input().after(space.stem().stride(), space.stem().filters());
        FeatureMap current = stemOut;
        List<LayerSpec> layers = new ArrayList<>();
        for (int b = 0; b < space.blocks().size(); b++) {
            BlockSpace block = space.blocks().get(b);
            BlockChoice choice = candidate.blocks().get(b);
            for (int i = 0; i < choice.layers(); i++) {
                int stride = i == 0 ? block.stride() : 1;
                FeatureMap out = current.after(stride, choice.filters());
                boolean sameShape = out.equals(current);
                if (choice.op().type() == OpType.SKIP) {
                    if (!sameShape) {
                        layers.add(new LayerSpec(b, i, choice.op(), Shortcut.NONE, stride, current, out));
                    }
                } else {
                    layers.add(new LayerSpec(b, i, choice.op(), shortcut(choice.residual(), sameShape), stride,
                            current, out));
                }
                current = out;
            }
        }
        return new NetworkPlan(space.input(), space.stem(), stemOut, layers, space.head().filters(),
                space.classes());
    }

    private static Shortcut shortcut(Residual residual, boolean sameShape) {
        return switch (residual) {
            case NONE -> Shortcut.NONE;
            case IDENTITY -> sameShape ? Shortcut.IDENTITY : Shortcut.NONE;
            case POOL -> sameShape ? Shortcut.IDENTITY : Shortcut.PROJECTION;
        };
    }

    /** The feature map the head receives. */
    public FeatureMap headIn() {
        return layers.isEmpty() ? stemOut : layers.get(layers.size() - 1).out();
    }
}
