package dev.nas.latency.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerKeyTest {

    @Test
    void tokensReadBack() {
        SearchSpace mobile = Spaces.shipped("mobile");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            for (LayerKey layer : LayerKey.profiled(NetworkPlan.of(mobile, mobile.codec().sample(random)))) {
                assertEquals(layer, LayerKey.parse(layer.token()));
                assertEquals(layer, LayerKey.of(layer.spec()));
            }
        }
        assertEquals("mbconv_k3_e6_se0.25:identity:s1:7x7x40:40",
                LayerKey.parse("mbconv_k3_e6_se0.25:identity:s1:7x7x40:40").token());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LayerKey.parse("mbconv_k3_e6:sideways:s1:7x7x40:40"));
        assertTrue(bad.getMessage().contains("mbconv_k3_e6:sideways"), bad.getMessage());
    }

    @Test
    void aNetworkIsTimedAsItsStemLayersAndHeadConvolution() {
        SearchSpace tiny = Spaces.shipped("tiny");
        NetworkPlan plan = NetworkPlan.of(tiny, Candidate.parse(
                "conv_k3-none-8x2/skip-none-16x1|lr=0.003,bs=32,opt=adam,wd=0"));
        assertEquals(java.util.List.of("conv_k3:none:s2:28x28x1:8", "conv_k3:none:s2:14x14x8:8",
                "conv_k3:none:s1:7x7x8:8", "skip:none:s2:7x7x8:16", "conv_k1:none:s1:4x4x16:32"),
                LayerKey.profiled(plan).stream().map(LayerKey::token).toList());
    }

    @Test
    void theSpaceEnumerationHoldsExactlyTheLayersOfEveryCandidate() {
        SearchSpace tiny = Spaces.shipped("tiny");
        Set<LayerKey> everyCandidate = new HashSet<>();
        for (long i = 0; i < tiny.codec().gridSize(); i++) {
            Optional<Candidate> point = tiny.codec().gridPoint(i);
            point.ifPresent(c -> everyCandidate.addAll(LayerKey.profiled(NetworkPlan.of(tiny, c))));
        }
        assertEquals(everyCandidate, LayerKey.distinct(tiny));
    }

    @Test
    void theSpaceEnumerationCoversSampledCandidatesOfALargeSpace() {
        SearchSpace mobile = Spaces.shipped("mobile");
        Set<LayerKey> distinct = LayerKey.distinct(mobile);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            Candidate candidate = mobile.codec().sample(random);
            for (LayerKey layer : LayerKey.profiled(NetworkPlan.of(mobile, candidate))) {
                assertTrue(distinct.contains(layer), layer.token() + " of " + candidate.key());
            }
        }
    }
}
