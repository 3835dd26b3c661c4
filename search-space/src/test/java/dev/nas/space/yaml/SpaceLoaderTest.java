package dev.nas.space.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Augmentation;
import dev.nas.space.BlockSpace;
import dev.nas.space.Choice;
import dev.nas.space.Hyperparameters;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.LatencySpec;
import dev.nas.space.LayerOp;
import dev.nas.space.OpSpace;
import dev.nas.space.OpType;
import dev.nas.space.Optimizer;
import dev.nas.space.Range;
import dev.nas.space.Schedule;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.TrainingSpace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpaceLoaderTest {

    private static final String VALID = """
            name: t
            input: {height: 28, width: 28, channels: 1}
            classes: 10
            stem: {filters: 8, stride: 2}
            blocks:
              - stride: 2
                op: [conv, mbconv]
                kernel: [3, 5]
                expansion: [3, 6]
                filters: {base: 16, scale: [0.75, 1.0, 1.25]}
                layers: {base: 2, delta: [-1, 0, 1]}
              - stride: 2
                variants: [skip, mbconv_k3_e3_se]
                filters: 32
                layers: 1
            head: {filters: 64}
            training:
              learning_rate: {log_uniform: [0.001, 0.1], grid: 3}
              batch_size: [32, 64]
              epochs: {min: 1, max: 4}
            objective: {target_latency_ms: 2.5, constraint: hard}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"mobile.yaml", "mnasnet-b0.yaml", "tiny.yaml", "cifar.yaml"})
    void shippedSpacesLoad(String file) throws Exception {
        SearchSpace space = SpaceLoader.load(Path.of("..", "spaces", file));
        assertEquals(file.replace(".yaml", ""), space.name());
    }

    @Test
    void augmentationIsSearchedWhereTheSpaceListsIt() {
        SearchSpace cifar = Spaces.shipped("cifar");
        assertEquals(List.of("training.augment.crop", "training.augment.flip", "training.augment.cutout"),
                cifar.codec().dimensions().stream().map(d -> d.name()).filter(n -> n.contains("augment")).toList());
        Set<Augmentation> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            seen.add(cifar.codec().sample(random).training().augmentation());
        }
        assertEquals(8, seen.size(), "every combination of crop 0/4, flip, cutout 0/8 is sampled");
        assertTrue(Spaces.shipped("mobile").codec().dimensions().stream().noneMatch(d -> d.name().contains(
                "augment")), "a space without augment has no augmentation dimensions");
        String yaml = VALID.replace("  learning_rate:", "  augment: {crop: -1, flip: maybe}\n  learning_rate:");
        SpaceException e = failure(yaml);
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("training.augment.crop")
                && p.message().contains("pixels are 0 or more, got -1")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("training.augment.flip")
                && p.message().contains("expected true or false, got 'maybe'")), e.getMessage());
    }

    @Test
    void mnasnetB0HasTheKnownSkeleton() throws Exception {
        SearchSpace space = SpaceLoader.load(Path.of("..", "spaces", "mnasnet-b0.yaml"));
        assertEquals(List.of(1, 2, 2, 2, 1, 2, 1), space.blocks().stream().map(BlockSpace::stride).toList());
        assertEquals(List.of(16, 24, 40, 80, 112, 192, 320),
                space.blocks().stream().map(b -> b.filters().first()).toList());
        assertEquals(List.of(1, 2, 3, 4), space.blocks().get(4).layers().options());
    }

    @Test
    void readsRelativeWidthsDepthsRangesAndVariants() {
        SearchSpace space = SpaceLoader.parse(VALID, "t.yaml");
        BlockSpace first = space.blocks().get(0);
        assertEquals(List.of(12, 16, 20), first.filters().options());
        assertEquals(List.of(1, 2, 3), first.layers().options());
        assertEquals(Choice.of(0.0), ((OpSpace.Factorized) first.ops()).se());
        OpSpace.Variants variants = (OpSpace.Variants) space.blocks().get(1).ops();
        assertEquals(List.of(LayerOp.SKIP, LayerOp.of(OpType.MBCONV, 3, 3, 0.25)), variants.variants().options());
        assertEquals(new Range(0.001, 0.1, true, 3), space.training().learningRate());
        assertEquals(4, space.training().epochs().max());
        assertEquals(LatencyConstraint.HARD, space.objective().constraint());
        assertEquals(2.5, space.objective().targetLatencyMs().getAsDouble());
        assertEquals(LatencySpec.MEASURED, space.objective().latency(), "latency is measured unless told otherwise");
    }

    @Test
    void readsWhereLatencyComesFrom() {
        String objective = "objective: {target_latency_ms: 2.5, constraint: hard}";
        assertEquals(new LatencySpec(LatencySpec.Source.LUT, "local"), SpaceLoader.parse(VALID.replace(objective,
                "objective:\n  latency: {source: lut}"), "t.yaml").objective().latency());
        assertEquals(new LatencySpec(LatencySpec.Source.PREDICTOR, "pi-4"), SpaceLoader.parse(VALID.replace(
                objective, "objective:\n  latency: {source: predictor, device: pi-4}"), "t.yaml").objective()
                .latency());
        assertEquals(new LatencySpec(LatencySpec.Source.ONNXRUNTIME, "local", LatencySpec.Precision.INT8),
                SpaceLoader.parse(VALID.replace(objective, "objective:\n  latency: {source: onnxruntime, precision: "
                        + "int8}"), "t.yaml").objective().latency());
        assertEquals(new LatencySpec(LatencySpec.Source.MEASURED, "local", LatencySpec.Precision.FP32,
                Optional.of(LatencySpec.Source.ONNXRUNTIME)), SpaceLoader.parse(VALID.replace(objective,
                "objective:\n  latency: {source: measured, compare_with: onnxruntime}"), "t.yaml").objective()
                .latency());
        assertEquals(new LatencySpec(LatencySpec.Source.ONNXRUNTIME, "local", LatencySpec.Precision.INT8,
                Optional.of(LatencySpec.Source.ONNXRUNTIME)), SpaceLoader.parse(VALID.replace(objective,
                "objective:\n  latency: {source: onnxruntime, precision: int8, compare_with: onnxruntime}"),
                "t.yaml").objective().latency(), "int8 compared with fp32 in ONNX Runtime");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: onnxruntime, compare_with: "
                + "onnxruntime}"), 22, "objective.latency.compare_with", "a search timed in onnxruntime compares "
                + "with measured, got 'onnxruntime'");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: lut, compare_with: measured}"), 22,
                "objective.latency.compare_with", "compare_with compares two engines that measure on this machine");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: lut, precision: int8}"), 22,
                "objective.latency.precision", "int8 latency is timed in ONNX Runtime");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: onnxruntime, precision: fp16}"), 22,
                "objective.latency.precision", "unknown precision 'fp16' (expected fp32 or int8)");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: guess}"), 22,
                "objective.latency.source",
                "unknown latency source 'guess' (expected measured, onnxruntime, lut or predictor)");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: lut, device: ../etc}"), 22,
                "objective.latency.device", "a device name is 1 to 64 letters");
        assertProblem(VALID.replace(objective, "objective:\n  latency: {source: measured, device: pi}"), 22,
                "objective.latency.device", "always this machine's");
    }

    @Test
    void readsTheLearningRateSchedule() {
        assertEquals(Schedule.CONSTANT, SpaceLoader.parse(VALID, "t.yaml").training().schedule(),
                "the rate is constant unless told otherwise");
        String epochs = "  epochs: {min: 1, max: 4}";
        TrainingSpace cosine = SpaceLoader.parse(VALID.replace(epochs, epochs + "\n  schedule: cosine"), "t.yaml")
                .training();
        assertEquals(Schedule.COSINE, cosine.schedule());
        Hyperparameters h = new Hyperparameters(0.01, 32, Optimizer.ADAM, 0);
        assertEquals(0.01, cosine.learningRate(h, 1), 1e-12, "the first epoch takes the full rate");
        assertEquals(0.005, cosine.learningRate(h, 3), 1e-12, "half way through the 4 full-fidelity epochs");
        assertEquals(0.01 * (1 - Math.sqrt(0.5)) / 2, cosine.learningRate(h, 4), 1e-12, "the last epoch's is small");
        assertProblem(VALID.replace(epochs, epochs + "\n  schedule: step"), 21, "training.schedule",
                "unknown schedule 'step' (expected constant, cosine)");
    }

    @Test
    void aControllerSectionNamesAPresetAndTheParametersItOverrides() {
        assertEquals(Optional.empty(), SpaceSource.parse(VALID, "t.yaml").controller());
        ControllerSection asha = SpaceSource.parse(VALID + "controller: {name: asha, eta: 4}\n", "t.yaml")
                .controller().orElseThrow();
        assertEquals("asha", asha.name());
        assertEquals(Map.of("eta", "4"), asha.parameters());
        assertEquals(22, asha.line());
        ControllerSection bayes = SpaceSource.parse(VALID + "controller: bayes\n", "t.yaml").controller()
                .orElseThrow();
        assertEquals(new ControllerSection("bayes", Map.of(), "t.yaml", 22), bayes);
        assertProblem(VALID + "controller: {eta: 4}\n", 22, "controller.name", "missing (required)");
        assertProblem(VALID + "controller: {name: asha, eta: [3, 4]}\n", 22, "controller.eta", "");
    }

    private static SpaceException failure(String yaml) {
        return assertThrows(SpaceException.class, () -> SpaceLoader.parse(yaml, "spaces/bad.yaml"));
    }

    private static void assertProblem(String yaml, int line, String key, String messagePart) {
        SpaceException e = failure(yaml);
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == line && p.key().equals(key)
                        && p.message().contains(messagePart) && p.origin().equals("spaces/bad.yaml")),
                () -> "expected line " + line + " key " + key + " '" + messagePart + "' in:\n" + e.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        SpaceException e = failure(VALID.replace("classes: 10", "classes: [10"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("spaces/bad.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
        assertTrue(e.problems().get(0).line() >= 3, e.getMessage());
    }

    @Test
    void unknownOp() {
        assertProblem(VALID.replace("op: [conv, mbconv]", "op: [conv, mbconvv]"), 7, "blocks[0].op[1]",
                "unknown op 'mbconvv'");
    }

    @Test
    void unknownVariant() {
        assertProblem(VALID.replace("mbconv_k3_e3_se", "mbconv_k3_x3"), 13, "blocks[1].variants[1]",
                "unexpected 'x3'");
    }

    @Test
    void emptyChoiceList() {
        assertProblem(VALID.replace("kernel: [3, 5]", "kernel: []"), 8, "blocks[0].kernel", "empty choice list");
    }

    @Test
    void zeroAndNegativeValues() {
        assertProblem(VALID.replace("filters: 32", "filters: 0"), 14, "blocks[1].filters",
                "must be a positive integer, got 0");
        assertProblem(VALID.replace("{height: 28", "{height: -28"), 2, "input.height",
                "must be a positive integer, got -28");
        assertProblem(VALID.replace("[0.001, 0.1]", "[-0.001, 0.1]"), 18, "training.learning_rate.log_uniform[0]",
                "must be positive");
        assertProblem(VALID.replace("delta: [-1, 0, 1]", "delta: [-2, 0]"), 11, "blocks[0].layers",
                "gives 0 layers");
    }

    @Test
    void strideThatShrinksBelowOnePixel() {
        String yaml = VALID.replace("{height: 28, width: 28", "{height: 3, width: 3");
        assertProblem(yaml, 12, "blocks[1].stride", "would shrink the 1x1 feature map below 1x1");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml = VALID.replace("kernel: [3, 5]", "kernel: [3, 4]")
                .replace("classes: 10", "classes: 1")
                .replace("head: {filters: 64}", "head: {filterz: 64}");
        SpaceException e = failure(yaml);
        List<String> keys = e.problems().stream().map(Problem::key).toList();
        assertTrue(keys.containsAll(List.of("blocks[0].kernel[1]", "classes", "head.filterz", "head.filters")),
                e.getMessage());
        assertTrue(e.getMessage().contains("spaces/bad.yaml:8: blocks[0].kernel[1]: kernel must be odd"),
                e.getMessage());
    }

    @Test
    void opAndVariantsTogetherAreRefused() {
        assertProblem(VALID.replace("variants: [skip, mbconv_k3_e3_se]", "variants: [skip]\n    op: conv"), 13,
                "blocks[1].variants", "either op");
    }

    @Test
    void duplicateKeyAndDuplicateChoice() {
        assertProblem(VALID.replace("classes: 10", "classes: 10\nclasses: 12"), 4, "classes", "duplicate key");
        assertProblem(VALID.replace("batch_size: [32, 64]", "batch_size: [32, 32]"), 19,
                "training.batch_size[1]", "duplicate choice 32");
    }

    @Test
    void missingRequiredKey() {
        assertProblem(VALID.replace("classes: 10\n", ""), 1, "classes", "missing");
    }

    @Test
    void emptyFile() {
        assertProblem("# nothing\n", 1, "", "empty");
    }
}
