package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.storage.FolderNetworks;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.Split;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightInheritanceTest {

    private static final SearchSpace TINY = Spaces.shipped("tiny");
    private static final String PARENT = "mbconv_k3_e3_se0.25-identity-8x1/dwconv_k3-identity-16x1"
            + "|lr=0.01,bs=32,opt=adam,wd=0";

    @Test
    void anotherKernelRenewsOnlyThatBlocksDepthwiseConvolution() {
        assertRenewed("mbconv_k5_e3_se0.25-identity-8x1/dwconv_k3-identity-16x1|lr=0.003,bs=32,opt=adam,wd=0",
                Set.of("b0l0_dw"));
    }

    @Test
    void anotherWidthRenewsTheLayersWhoseInputOrOutputWidthChanged() {
        assertRenewed("mbconv_k3_e3_se0.25-identity-16x1/dwconv_k3-identity-16x1|lr=0.01,bs=32,opt=adam,wd=0",
                Set.of("b0l0_project", "b0l0_project_bn", "b0l0_shortcut_proj", "b0l0_shortcut_proj_bn", "b1l0_dw",
                        "b1l0_dw_bn", "b1l0_pw", "b1l0_shortcut_proj", "b1l0_shortcut_proj_bn"));
    }

    @Test
    void anotherOpRenewsTheBlocksBodyAndKeepsItsShortcut() {
        assertRenewed("mbconv_k3_e3_se0.25-identity-8x1/mbconv_k3_e3_se-identity-16x1|lr=0.01,bs=32,opt=adam,wd=0",
                Set.of("b1l0_expand", "b1l0_expand_bn", "b1l0_dw", "b1l0_dw_bn", "b1l0_se_reduce", "b1l0_se_gate",
                        "b1l0_project", "b1l0_project_bn"));
    }

    @Test
    void theEvaluatorStartsAnInheritingTrialFromItsDonorsCheckpoint(@TempDir Path dir) {
        Split small = Split.stratified(Dataset.embedded().train().head(400), 0.25, 1);
        Checkpoints checkpoints = new Checkpoints(new FolderNetworks(dir));
        Dl4jEvaluator evaluator = new Dl4jEvaluator(TINY, small, Optional.of(checkpoints));
        evaluator.train(new TrainingRequest(0, candidate(PARENT), 1, 7), e -> { }, () -> false);
        ComputationGraph donor = checkpoints.load(0);
        Candidate child = candidate("mbconv_k5_e3_se0.25-identity-8x1/dwconv_k3-identity-16x1"
                + "|lr=0.003,bs=32,opt=adam,wd=0");

        ComputationGraph inheriting = evaluator.startingNetwork(request(child, Optional.of(0)));
        ComputationGraph fresh = evaluator.startingNetwork(request(child, Optional.empty()));
        assertEquals(donor.getLayer("b1l0_dw").params(), inheriting.getLayer("b1l0_dw").params(), "trained weights");
        assertEquals(fresh.getLayer("b0l0_dw").params(), inheriting.getLayer("b0l0_dw").params(), "a new kernel");
        assertNotEquals(fresh.params(), inheriting.params());
        assertEquals(0.0, inheriting.getUpdater().getStateViewArray().sumNumber().doubleValue(),
                "the optimiser starts afresh");
        assertEquals(fresh.params(), evaluator.startingNetwork(request(child, Optional.of(3))).params(),
                "a donor without a checkpoint leaves the network as initialised");
    }

    /**
     * Copies a trained-looking parent (another seed) into {@code child} and checks, parameter by parameter, that
     * exactly the layers outside {@code renewed} hold the parent's values and those inside their own.
     */
    private static void assertRenewed(String child, Set<String> renewed) {
        ComputationGraph parent = build(PARENT, 1);
        ComputationGraph initialised = build(child, 2);
        ComputationGraph inheriting = build(child, 2);
        List<String> inherited = WeightInheritance.copy(parent, inheriting);

        Set<String> expected = new TreeSet<>(withParameters(inheriting));
        expected.removeAll(renewed);
        assertEquals(expected, new TreeSet<>(inherited));
        for (String name : withParameters(inheriting)) {
            ComputationGraph source = renewed.contains(name) ? initialised : parent;
            assertEquals(source.getLayer(name).params(), inheriting.getLayer(name).params(), name);
        }
    }

    private static List<String> withParameters(ComputationGraph network) {
        return Arrays.stream(network.getLayers()).filter(l -> l.numParams() > 0)
                .map(l -> l.conf().getLayer().getLayerName()).toList();
    }

    private static ComputationGraph build(String key, long seed) {
        Candidate candidate = candidate(key);
        return NetworkBuilder.build(NetworkPlan.of(TINY, candidate), candidate.training(), TINY.training(), seed);
    }

    private static Candidate candidate(String key) {
        return TINY.check(Candidate.parse(key));
    }

    private static TrainingRequest request(Candidate candidate, Optional<Integer> donor) {
        return new TrainingRequest(1, candidate, Optional.empty(), 1, 9, List.of(), donor);
    }
}
