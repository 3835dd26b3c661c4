package dev.nas.space.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.FeatureMap;
import dev.nas.space.Hyperparameters;
import dev.nas.space.LayerOp;
import dev.nas.space.OpType;
import dev.nas.space.Optimizer;
import dev.nas.space.Residual;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {

    /** 8x8x1 input, a 4-filter stem, then two blocks whose op, skip and width the tests choose. */
    static final SearchSpace SMALL = SpaceLoader.parse("""
            input: {height: 8, width: 8, channels: 1}
            classes: 10
            stem: {filters: 4, kernel: 3, stride: 1}
            blocks:
              - stride: 2
                variants: [skip, conv_k3, dwconv_k3, mbconv_k3_e2_se0.5]
                skip: [none, identity, pool]
                filters: [4, 8]
                layers: [1, 2]
              - stride: 1
                variants: [skip, conv_k3, mbconv_k5_e3]
                skip: [none, identity, pool]
                filters: [8, 16]
                layers: [1, 3]
            head: {filters: 16}
            """, "small.yaml");

    static Candidate candidate(BlockChoice first, BlockChoice second) {
        return new Candidate(List.of(first, second), new Hyperparameters(1e-3, 64, Optimizer.ADAM, 0));
    }

    static BlockChoice block(String op, Residual residual, int filters, int layers) {
        return new BlockChoice(LayerOp.parse(op), residual, filters, layers);
    }

    @Test
    void firstLayerOfABlockStridesAndWidensTheRestKeepTheShape() {
        NetworkPlan plan = NetworkPlan.of(SMALL, candidate(block("conv_k3", Residual.IDENTITY, 8, 2),
                block("mbconv_k5_e3", Residual.POOL, 16, 3)));
        List<LayerSpec> layers = plan.layers();
        assertEquals(5, layers.size());
        assertEquals(new FeatureMap(4, 4, 8), layers.get(0).out());
        assertEquals(List.of(Shortcut.NONE, Shortcut.IDENTITY, Shortcut.PROJECTION, Shortcut.IDENTITY,
                Shortcut.IDENTITY), layers.stream().map(LayerSpec::shortcut).toList());
        assertEquals(List.of(2, 1, 1, 1, 1), layers.stream().map(LayerSpec::stride).toList());
        assertEquals(new FeatureMap(4, 4, 16), plan.headIn());
        assertEquals(8 * 3, layers.get(2).innerChannels());
    }

    @Test
    void skipLayersVanishUnlessTheShapeChanges() {
        NetworkPlan plan = NetworkPlan.of(SMALL, candidate(block("skip", Residual.NONE, 8, 2),
                block("skip", Residual.NONE, 8, 3)));
        assertEquals(1, plan.layers().size(), "only the strided, widening first layer stays, as a projection");
        LayerSpec projection = plan.layers().get(0);
        assertEquals(OpType.SKIP, projection.op().type());
        assertEquals(new FeatureMap(8, 8, 4), projection.in());
        assertEquals(new FeatureMap(4, 4, 8), projection.out());
    }

    @Test
    void costMatchesAHandCount() {
        NetworkPlan plan = NetworkPlan.of(SMALL, candidate(block("mbconv_k3_e2_se0.5", Residual.POOL, 8, 1),
                block("skip", Residual.NONE, 8, 1)));
        // stem: 3x3x1x4 conv + BN(4): 36 + 8 params, 36 x 64 pixels MACs.
        // layer: expand 1x1 4->8 at 8x8 (32 w, 2048 MACs) + BN(8); depthwise 3x3 x8 at 4x4 (72 w, 1152 MACs) + BN(8);
        //        SE on 8 channels squeezing to max(1, 4 x 0.5) = 2: 2x8x2 w + 2 + 8 biases, 32 MACs;
        //        project 1x1 8->8 at 4x4 (64 w, 1024 MACs) + BN(8); pool shortcut 1x1 4->8 at 4x4 (32 w, 512) + BN(8).
        // head: 1x1 8->16 at 4x4 (128 w, 2048 MACs) + BN(16); dense 16->10 (160 w + 10 b, 160 MACs).
        assertEquals(new Cost(44 + 306 + 330, 2304 + 4768 + 2208), Cost.of(plan));
    }

    @Test
    void peakActivationMemoryMatchesAHandCount() {
        NetworkPlan bottleneck = NetworkPlan.of(SMALL, candidate(block("mbconv_k3_e2_se0.5", Residual.POOL, 8, 1),
                block("skip", Residual.NONE, 8, 1)));
        // stem: 8x8x1 in + 8x8x4 out = 320. The layer (8x8x4 -> 4x4x8, pool shortcut: its 256-value input stays
        // live): expand 256 + 8x8x8 = 768; depthwise 256 held + 512 expanded + 4x4x8 = 896; SE 256 + 2 x 128;
        // project 256 + 128 + 128; shortcut pool 256 + 4x4x4, project 64 + 128, beside the 128 output: 448.
        // head: 4x4x8 + 4x4x16 = 384. The depthwise step is the peak.
        assertEquals(896, ActivationMemory.peak(bottleneck));
        assertEquals(896, ActivationMemory.peak(bottleneck.layers().get(0)));

        NetworkPlan plain = NetworkPlan.of(SMALL, candidate(block("conv_k3", Residual.IDENTITY, 8, 2),
                block("mbconv_k5_e3", Residual.NONE, 16, 1)));
        // conv 8x8x4 -> 4x4x8: 256 + 128 (no shortcut: the shape changes); conv 4x4x8 with identity: 128 in +
        // 128 out + 128 sum; mbconv 4x4x8 -> 4x4x16, inner 24 channels: expand 128 + 384, depthwise 384 + 384,
        // project 384 + 256; head 4x4x16 + 4x4x16 = 512.
        assertEquals(List.of(384L, 384L, 768L), plain.layers().stream().map(ActivationMemory::peak).toList());
        assertEquals(768, ActivationMemory.peak(plain));
    }

    @Test
    void mnasnetB0CostsLikeThePaper() throws Exception {
        SearchSpace b0 = SpaceLoader.load(java.nio.file.Path.of("..", "spaces", "mnasnet-b0.yaml"));
        // EfficientNet-B0: expansion 1 in stage 1 and 6 elsewhere, kernels 3,3,5,3,5,5,3, layers 1,2,2,3,3,4,1,
        // SE 0.25. Its paper reports 5.3M parameters and 0.39B FLOPs (multiply-adds) with a 1000-class head.
        int[] expansion = {1, 6, 6, 6, 6, 6, 6};
        int[] kernel = {3, 3, 5, 3, 5, 5, 3};
        int[] layers = {1, 2, 2, 3, 3, 4, 1};
        int[] filters = {16, 24, 40, 80, 112, 192, 320};
        List<BlockChoice> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            blocks.add(new BlockChoice(LayerOp.of(OpType.MBCONV, kernel[i], expansion[i], 0.25), Residual.IDENTITY,
                    filters[i], layers[i]));
        }
        Candidate effnet = new Candidate(blocks, new Hyperparameters(0.016, 128, Optimizer.RMSPROP, 1e-5));
        Cost cost = Cost.of(NetworkPlan.of(b0, b0.check(effnet)));
        assertEquals(5.3e6, cost.params(), 0.05e6);
        assertEquals(0.39e9, cost.macs(), 0.01e9);
    }
}
