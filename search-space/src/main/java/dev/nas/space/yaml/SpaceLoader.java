package dev.nas.space.yaml;

import dev.nas.space.BlockSpace;
import dev.nas.space.Choice;
import dev.nas.space.Domain;
import dev.nas.space.Epochs;
import dev.nas.space.FeatureMap;
import dev.nas.space.Head;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.LatencySpec;
import dev.nas.space.LayerOp;
import dev.nas.space.Normalize;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.OpSpace;
import dev.nas.space.OpType;
import dev.nas.space.Optimizer;
import dev.nas.space.Range;
import dev.nas.space.Residual;
import dev.nas.space.Schedule;
import dev.nas.space.SearchSpace;
import dev.nas.space.Stem;
import dev.nas.space.TrainingSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@link SearchSpace} from YAML. Reports every problem at once ({@link SpaceException}), each with file,
 * line and key; returns a space only when there are none.
 *
 * <pre>{@code
 * SearchSpace space = SpaceLoader.load(Path.of("spaces/mobile.yaml"));
 * }</pre>
 */
public final class SpaceLoader {

    private static final Set<String> TOP_KEYS =
            Set.of("name", "input", "classes", "stem", "blocks", "head", "training", "objective", "controller");
    private static final Set<String> BLOCK_KEYS =
            Set.of("stride", "op", "kernel", "expansion", "se", "skip", "filters", "layers", "variants");
    private static final List<String> OP_SETTINGS = List.of("kernel", "expansion", "se");
    private static final TrainingSpace DEFAULT_TRAINING = new TrainingSpace(Choice.of(1e-3), Choice.of(64),
            Choice.of(Optimizer.ADAM), Choice.of(0.0), Epochs.fixed(1), Schedule.CONSTANT);

    private final String origin;
    private final List<Problem> problems = new ArrayList<>();
    private final List<YamlValue> strideNodes = new ArrayList<>();
    private YamlValue stemStrideNode;
    private ControllerSection controller;

    private SpaceLoader(String origin) {
        this.origin = origin;
    }

    /** Reads the space file {@code file}; see {@link SpaceSource#read}. */
    public static SearchSpace load(Path file) {
        return SpaceSource.read(file).space();
    }

    /** Reads a space from YAML text; {@code origin} names it in messages (usually the file path). */
    public static SearchSpace parse(String yaml, String origin) {
        return new SpaceLoader(origin).read(yaml);
    }

    /** The space in {@code yaml} with its controller section, read once. */
    static SpaceSource source(String yaml, String origin) {
        SpaceLoader loader = new SpaceLoader(origin);
        SearchSpace space = loader.read(yaml);
        return new SpaceSource(yaml, origin, space, Optional.ofNullable(loader.controller));
    }

    private SearchSpace read(String yaml) {
        try {
            return readDocument(yaml);
        } catch (YamlValue.Invalid e) {
            problems.add(e.problem());
            throw new SpaceException(problems);
        }
    }

    private SearchSpace readDocument(String yaml) {
        List<Problem> tooLarge = SpaceLimits.check(yaml, origin);
        if (!tooLarge.isEmpty()) {
            throw new SpaceException(tooLarge);
        }
        Optional<Node> document;
        try {
            document = new Compose(SpaceLimits.settings(origin)).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
            throw new SpaceException(List.of(new Problem(origin, line, "", "malformed YAML: "
                    + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new SpaceException(List.of(new Problem(origin, 0, "", "malformed YAML: " + e.getMessage())));
        }
        if (document.isEmpty()) {
            throw new SpaceException(List.of(new Problem(origin, 1, "", "the file is empty")));
        }
        YamlValue root = new YamlValue(document.get(), origin, "");
        if (!root.isMapping()) {
            throw new SpaceException(List.of(root.problem("expected a mapping with input, classes, stem, blocks, "
                    + "head and training")));
        }
        problems.addAll(root.unknownKeys(TOP_KEYS));
        String name = optional(root, "name", defaultName(), YamlValue::text);
        FeatureMap input = required(root, "input", this::input);
        Integer classes = required(root, "classes", v -> atMost(v, atLeast(v, v.integer(), 2), SpaceLimits.CLASSES));
        Stem stem = required(root, "stem", this::stem);
        List<BlockSpace> blocks = required(root, "blocks", this::blocks);
        Head head = required(root, "head", v -> {
            problems.addAll(v.unknownKeys(Set.of("filters")));
            Integer filters = required(v, "filters", upTo(SpaceLimits.FILTERS));
            return filters == null ? null : new Head(filters);
        });
        TrainingSpace training = optional(root, "training", DEFAULT_TRAINING, this::training);
        ObjectiveSpec objective = optional(root, "objective", ObjectiveSpec.accuracyOnly(), this::objective);
        controller = optional(root, "controller", null, this::controller);
        if (input != null && stem != null && blocks != null) {
            checkStrides(input, stem, blocks);
        }
        if (!problems.isEmpty()) {
            throw new SpaceException(problems);
        }
        return new SearchSpace(name, input, classes, stem, blocks, head, training, objective);
    }

    private String defaultName() {
        String file = Path.of(origin).getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }

    /** {@code controller: NAME}, or a mapping of {@code name} and the parameters it overrides, all scalars. */
    private ControllerSection controller(YamlValue v) {
        if (!v.isMapping()) {
            return new ControllerSection(v.text(), Map.of(), origin, v.line());
        }
        String name = required(v, "name", YamlValue::text);
        Map<String, String> parameters = new LinkedHashMap<>();
        v.entries().forEach((key, value) -> {
            if (!key.equals("name")) {
                parameters.put(key, read(value, YamlValue::text));
            }
        });
        return name == null || parameters.containsValue(null) ? null
                : new ControllerSection(name, parameters, origin, v.line());
    }

    private FeatureMap input(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("height", "width", "channels")));
        Integer height = required(v, "height", upTo(SpaceLimits.INPUT_SIDE));
        Integer width = required(v, "width", upTo(SpaceLimits.INPUT_SIDE));
        Integer channels = required(v, "channels", upTo(SpaceLimits.INPUT_CHANNELS));
        return allPresent(height, width, channels) ? new FeatureMap(height, width, channels) : null;
    }

    private Stem stem(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("filters", "kernel", "stride")));
        stemStrideNode = v.get("stride").orElse(v);
        Integer filters = required(v, "filters", upTo(SpaceLimits.FILTERS));
        Integer kernel = optional(v, "kernel", 3, this::oddKernel);
        Integer stride = optional(v, "stride", 1, this::stride);
        return allPresent(filters, kernel, stride) ? new Stem(filters, kernel, stride) : null;
    }

    private List<BlockSpace> blocks(YamlValue v) {
        List<YamlValue> items = v.items();
        if (items.isEmpty()) {
            throw v.invalid("a space needs at least one block");
        }
        if (items.size() > SpaceLimits.BLOCKS) {
            throw v.invalid("a space may have at most " + SpaceLimits.BLOCKS + " blocks, got " + items.size());
        }
        List<BlockSpace> blocks = new ArrayList<>();
        for (YamlValue item : items) {
            blocks.add(read(item, this::block));
        }
        return blocks.contains(null) ? null : blocks;
    }

    private BlockSpace block(YamlValue v) {
        problems.addAll(v.unknownKeys(BLOCK_KEYS));
        strideNodes.add(v.get("stride").orElse(v));
        Integer stride = optional(v, "stride", 1, this::stride);
        OpSpace ops = opSpace(v);
        Choice<Residual> skip = optional(v, "skip", Choice.of(Residual.IDENTITY), s -> choices(s, item ->
                Residual.fromToken(item.text()).orElseThrow(() -> item.invalid("unknown skip '" + item.text()
                        + "' (expected none, identity or pool)"))));
        Choice<Integer> filters = required(v, "filters", this::filters);
        Choice<Integer> layers = required(v, "layers", this::layers);
        return allPresent(stride, ops, skip, filters, layers)
                ? new BlockSpace(stride, ops, skip, filters, layers) : null;
    }

    private OpSpace opSpace(YamlValue v) {
        Optional<YamlValue> op = v.get("op");
        Optional<YamlValue> variants = v.get("variants");
        if (op.isPresent() && variants.isPresent()) {
            problems.add(variants.get().problem("give either op (with kernel, expansion, se) or variants, not both"));
            return null;
        }
        if (variants.isPresent()) {
            for (String key : OP_SETTINGS) {
                v.get(key).ifPresent(setting -> problems.add(setting.problem(
                        "only with op: each variant names its own kernel, expansion and se")));
            }
            Choice<LayerOp> choice = read(variants.get(), s -> choices(s, item -> {
                try {
                    return LayerOp.parse(item.text());
                } catch (IllegalArgumentException e) {
                    throw item.invalid(e.getMessage());
                }
            }));
            return choice == null ? null : new OpSpace.Variants(choice);
        }
        if (op.isEmpty()) {
            problems.add(v.missing("op"));
            return null;
        }
        Choice<OpType> types = read(op.get(), s -> choices(s, item -> OpType.fromToken(item.text())
                .filter(type -> type != OpType.SKIP)
                .orElseThrow(() -> item.invalid("unknown op '" + item.text() + "' (expected conv, dwconv or mbconv;"
                        + " skip is a layer variant, see variants)"))));
        Choice<Integer> kernels = optional(v, "kernel", Choice.of(3), s -> choices(s, this::oddKernel));
        Choice<Integer> expansions = optional(v, "expansion", Choice.of(6), s -> choices(s,
                upTo(SpaceLimits.EXPANSION)));
        Choice<Double> se = optional(v, "se", Choice.of(0.0), s -> choices(s, item -> {
            double ratio = item.number();
            if (!(ratio >= 0 && ratio < 1)) {
                throw item.invalid("se ratio must be in [0, 1), got " + item.text());
            }
            return ratio;
        }));
        return allPresent(types, kernels, expansions, se)
                ? new OpSpace.Factorized(types, kernels, expansions, se) : null;
    }

    /** Explicit filters, or MnasNet's multipliers of a base width: {base: 24, scale: [0.75, 1.0, 1.25]}. */
    private Choice<Integer> filters(YamlValue v) {
        if (!v.isMapping()) {
            return choices(v, upTo(SpaceLimits.FILTERS));
        }
        problems.addAll(v.unknownKeys(Set.of("base", "scale")));
        Integer base = required(v, "base", upTo(SpaceLimits.FILTERS));
        Choice<Double> scales = required(v, "scale", s -> choices(s, item -> {
            double scale = item.number();
            if (!(scale > 0)) {
                throw item.invalid("scale must be positive, got " + item.text());
            }
            return scale;
        }));
        if (!allPresent(base, scales)) {
            return null;
        }
        List<Integer> widths = new ArrayList<>();
        for (double scale : scales.options()) {
            long rounded = Math.max(1, Math.round(base * scale));
            if (rounded > SpaceLimits.FILTERS) {
                throw v.invalid("scale " + scale + " of base " + base + " gives " + rounded + " filters; at most "
                        + SpaceLimits.FILTERS);
            }
            int width = (int) rounded;
            if (widths.contains(width)) {
                throw v.invalid("scales " + scales.options() + " of base " + base + " give " + width
                        + " filters twice");
            }
            widths.add(width);
        }
        return new Choice<>(widths);
    }

    /** Explicit layer counts, or MnasNet's offsets from a base depth: {base: 2, delta: [-1, 0, 1]}. */
    private Choice<Integer> layers(YamlValue v) {
        if (!v.isMapping()) {
            return choices(v, upTo(SpaceLimits.LAYERS_PER_BLOCK));
        }
        problems.addAll(v.unknownKeys(Set.of("base", "delta")));
        Integer base = required(v, "base", upTo(SpaceLimits.LAYERS_PER_BLOCK));
        Choice<Integer> deltas = required(v, "delta", s -> choices(s, YamlValue::integer));
        if (!allPresent(base, deltas)) {
            return null;
        }
        List<Integer> counts = new ArrayList<>();
        for (int delta : deltas.options()) {
            long count = (long) base + delta;
            if (count < 1 || count > SpaceLimits.LAYERS_PER_BLOCK) {
                throw v.invalid("base " + base + " with delta " + delta + " gives " + count + " layers; a block has "
                        + "1 to " + SpaceLimits.LAYERS_PER_BLOCK);
            }
            counts.add(base + delta);
        }
        return new Choice<>(counts);
    }

    private TrainingSpace training(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("learning_rate", "batch_size", "optimizer", "weight_decay",
                "epochs", "schedule", "augment", "normalize")));
        Domain<Double> learningRate = optional(v, "learning_rate", DEFAULT_TRAINING.learningRate(),
                r -> real(r, false));
        Domain<Integer> batchSize = optional(v, "batch_size", DEFAULT_TRAINING.batchSize(),
                b -> choices(b, upTo(SpaceLimits.BATCH_SIZE)));
        Domain<Optimizer> optimizer = optional(v, "optimizer", DEFAULT_TRAINING.optimizer(), o -> choices(o,
                item -> Optimizer.fromToken(item.text()).orElseThrow(() -> item.invalid("unknown optimizer '"
                        + item.text() + "' (expected " + String.join(", ", Arrays.stream(Optimizer.values())
                        .map(Optimizer::token).toList()) + ")"))));
        Domain<Double> weightDecay = optional(v, "weight_decay", DEFAULT_TRAINING.weightDecay(),
                r -> real(r, true));
        Epochs epochs = optional(v, "epochs", DEFAULT_TRAINING.epochs(), this::epochs);
        Schedule schedule = optional(v, "schedule", DEFAULT_TRAINING.schedule(), s -> Schedule.fromToken(s.text())
                .orElseThrow(() -> s.invalid("unknown schedule '" + s.text() + "' (expected " + String.join(", ",
                        Arrays.stream(Schedule.values()).map(Schedule::token).toList()) + ")")));
        Optional<TrainingSpace.AugmentSpace> augment = optional(v, "augment", Optional.empty(),
                a -> Optional.ofNullable(augment(a)));
        Normalize normalize = optional(v, "normalize", Normalize.NONE, n -> Normalize.fromToken(n.text())
                .orElseThrow(() -> n.invalid("unknown normalize '" + n.text() + "' (expected " + String.join(", ",
                        Arrays.stream(Normalize.values()).map(Normalize::token).toList()) + ")")));
        return allPresent(learningRate, batchSize, optimizer, weightDecay, epochs, schedule, augment, normalize)
                ? new TrainingSpace(learningRate, batchSize, optimizer, weightDecay, epochs, schedule, augment,
                normalize) : null;
    }

    /**
     * {crop: [0, 4], flip: [false, true], cutout: [0, 8]}: each a value or a list of choices, absent ones off; crop
     * padding and cutout in pixels, at most the input's smaller side.
     */
    private TrainingSpace.AugmentSpace augment(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("crop", "flip", "cutout")));
        Function<YamlValue, Integer> pixels = p -> {
            int value = p.integer();
            if (value < 0) {
                throw p.invalid("pixels are 0 or more, got " + value);
            }
            return atMost(p, value, SpaceLimits.INPUT_SIDE);
        };
        Domain<Integer> crop = optional(v, "crop", Choice.of(0), c -> choices(c, pixels));
        Domain<Boolean> flip = optional(v, "flip", Choice.of(false), f -> choices(f, item -> switch (item.text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw item.invalid("expected true or false, got '" + item.text() + "'");
        }));
        Domain<Integer> cutout = optional(v, "cutout", Choice.of(0), c -> choices(c, pixels));
        return allPresent(crop, flip, cutout) ? new TrainingSpace.AugmentSpace(crop, flip, cutout) : null;
    }


    /**
     * A real hyperparameter: a value, a list, or a range {log_uniform: [lo, hi], grid: n} / {uniform: [lo, hi]}.
     * Values must be positive, or zero too when {@code zeroAllowed}.
     */
    private Domain<Double> real(YamlValue v, boolean zeroAllowed) {
        Function<YamlValue, Double> value = item -> {
            double x = item.number();
            if (x < 0 || (x == 0 && !zeroAllowed)) {
                throw item.invalid("must be " + (zeroAllowed ? "zero or positive" : "positive") + ", got "
                        + item.text());
            }
            return x;
        };
        if (!v.isMapping()) {
            return choices(v, value);
        }
        problems.addAll(v.unknownKeys(Set.of("log_uniform", "uniform", "grid")));
        Optional<YamlValue> log = v.get("log_uniform");
        Optional<YamlValue> uniform = v.get("uniform");
        if (log.isPresent() == uniform.isPresent()) {
            throw v.invalid("a range needs exactly one of log_uniform: [low, high] or uniform: [low, high]");
        }
        YamlValue bounds = log.orElseGet(uniform::get);
        List<YamlValue> ends = bounds.items();
        if (ends.size() != 2) {
            throw bounds.invalid("expected [low, high]");
        }
        int grid = optional(v, "grid", 0, upTo(SpaceLimits.CHOICES));
        try {
            return new Range(value.apply(ends.get(0)), value.apply(ends.get(1)), log.isPresent(), grid);
        } catch (IllegalArgumentException e) {
            throw bounds.invalid(e.getMessage());
        }
    }

    /** A fixed number of epochs, or a fidelity range {min: 1, max: 9} for multi-fidelity controllers. */
    private Epochs epochs(YamlValue v) {
        if (!v.isMapping()) {
            return Epochs.fixed(upTo(SpaceLimits.EPOCHS).apply(v));
        }
        problems.addAll(v.unknownKeys(Set.of("min", "max")));
        Integer min = required(v, "min", upTo(SpaceLimits.EPOCHS));
        Integer max = required(v, "max", upTo(SpaceLimits.EPOCHS));
        if (!allPresent(min, max)) {
            return null;
        }
        if (max < min) {
            throw v.invalid("max " + max + " is below min " + min);
        }
        return new Epochs(min, max);
    }

    private ObjectiveSpec objective(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("target_latency_ms", "target", "constraint", "exponent", "pareto",
                "latency")));
        Double targetMs = optional(v, "target_latency_ms", null, t -> {
            double ms = t.number();
            if (!(ms > 0)) {
                throw t.invalid("must be positive, got " + t.text());
            }
            return ms;
        });
        LatencyConstraint constraint = optional(v, "constraint", LatencyConstraint.SOFT, c -> switch (c.text()) {
            case "soft" -> LatencyConstraint.SOFT;
            case "hard" -> LatencyConstraint.HARD;
            default -> throw c.invalid("unknown constraint '" + c.text() + "' (expected soft or hard)");
        });
        Double exponent = optional(v, "exponent", ObjectiveSpec.MNASNET_EXPONENT, e -> {
            double w = e.number();
            if (w > 0) {
                throw e.invalid("must be zero or negative (MnasNet uses -0.07), got " + e.text());
            }
            return w;
        });
        List<Objective> pareto = optional(v, "pareto", List.of(Objective.ACCURACY, Objective.LATENCY),
                this::pareto);
        Optional<ObjectiveSpec.Target> target = targetMs == null ? Optional.empty()
                : Optional.of(new ObjectiveSpec.Target(Objective.LATENCY, targetMs));
        if (v.get("target").isPresent() && targetMs != null) {
            problems.add(v.get("target").get().problem("give target_latency_ms or target, not both"));
        } else if (pareto != null) {
            target = optional(v, "target", target, t -> {
                ObjectiveSpec.Target budget = target(t, pareto);
                return budget == null ? null : Optional.of(budget);
            });
        }
        LatencySpec latency = optional(v, "latency", LatencySpec.MEASURED, this::latency);
        if (!allPresent(constraint, exponent, pareto, latency, target)) {
            return null;
        }
        if (target.isPresent() && !pareto.contains(target.get().objective())) {
            YamlValue at = v.get("target_latency_ms").or(() -> v.get("target")).orElseThrow();
            throw at.invalid("a target on " + target.get().objective().token() + " needs it among the pareto "
                    + "objectives, got " + pareto.stream().map(Objective::token).toList());
        }
        return new ObjectiveSpec(target, constraint, exponent, pareto, latency);
    }

    /**
     * [accuracy, latency | params | macs | memory | size | {column: NAME, direction: minimize | maximize, unit:
     * UNIT}, ...]: accuracy and at least one other, each once.
     */
    private List<Objective> pareto(YamlValue p) {
        List<Objective> objectives = new ArrayList<>();
        boolean incomplete = false;
        for (YamlValue item : p.items()) {
            Objective objective = item.isMapping() ? column(item) : Objective.fromToken(item.text()).orElseThrow(() ->
                    item.invalid("unknown objective '" + item.text() + "' (expected accuracy, latency, params, macs, "
                            + "memory, size, or a table column as {column: NAME, direction: minimize, unit: UNIT})"));
            if (objective == null) {
                incomplete = true;
                continue;
            }
            if (objectives.stream().anyMatch(o -> o.token().equals(objective.token()))) {
                throw item.invalid("objective " + objective.token() + " is listed twice");
            }
            objectives.add(objective);
        }
        if (incomplete) {
            return null;
        }
        if (!objectives.contains(Objective.ACCURACY) || objectives.size() < 2) {
            throw p.invalid("the front trades accuracy against at least one other objective; list accuracy and "
                    + "one or more of latency, params, macs, memory, size or a table column");
        }
        return objectives;
    }

    /** {column: NAME, direction: minimize | maximize, unit: UNIT}: a numeric column of the tabular benchmark. */
    private Objective column(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("column", "direction", "unit")));
        String name = required(v, "column", YamlValue::text);
        Boolean maximize = required(v, "direction", d -> switch (d.text()) {
            case "minimize" -> false;
            case "maximize" -> true;
            default -> throw d.invalid("unknown direction '" + d.text() + "' (expected minimize or maximize)");
        });
        String unit = required(v, "unit", YamlValue::text);
        if (!allPresent(name, maximize, unit)) {
            return null;
        }
        try {
            return new Objective.Column(name, maximize, unit);
        } catch (IllegalArgumentException e) {
            throw v.invalid(e.getMessage());
        }
    }

    /** {objective: NAME, value: V}: a positive budget of one of the minimised pareto objectives. */
    private ObjectiveSpec.Target target(YamlValue v, List<Objective> pareto) {
        problems.addAll(v.unknownKeys(Set.of("objective", "value")));
        Objective objective = required(v, "objective", o -> {
            Objective named = pareto.stream().filter(p -> p.token().equals(o.text())).findFirst().orElseThrow(() ->
                    o.invalid("a target is on one of the pareto objectives " + pareto.stream().map(Objective::token)
                            .toList() + ", got '" + o.text() + "'"));
            if (named.maximize()) {
                throw o.invalid("a target is a budget of an objective to minimise; " + named.token()
                        + " is maximised");
            }
            return named;
        });
        Double value = required(v, "value", x -> {
            double budget = x.number();
            if (!(budget > 0)) {
                throw x.invalid("must be positive, got " + x.text());
            }
            return budget;
        });
        return !allPresent(objective, value) ? null : new ObjectiveSpec.Target(objective, value);
    }

    /**
     * {source: measured | onnxruntime | lut | predictor, device: NAME, precision: fp32 | int8, compare_with:
     * onnxruntime | measured}; a device only where latency is predicted for one, int8 only in ONNX Runtime, a
     * comparison only with another engine of this machine (see {@link LatencySpec#comparable}).
     */
    private LatencySpec latency(YamlValue v) {
        problems.addAll(v.unknownKeys(Set.of("source", "device", "precision", "compare_with")));
        LatencySpec.Source source = required(v, "source", s -> LatencySpec.Source.fromToken(s.text())
                .orElseThrow(() -> s.invalid("unknown latency source '" + s.text()
                        + "' (expected measured, onnxruntime, lut or predictor)")));
        Optional<YamlValue> device = v.get("device");
        if ((source == LatencySpec.Source.MEASURED || source == LatencySpec.Source.ONNXRUNTIME)
                && device.isPresent()) {
            throw device.get().invalid("measured latency is always this machine's; a device goes with lut or "
                    + "predictor");
        }
        String name = optional(v, "device", LatencySpec.LOCAL, d -> LatencySpec.checkDevice(d.text()));
        LatencySpec.Precision precision = optional(v, "precision", LatencySpec.Precision.FP32, p -> {
            LatencySpec.Precision chosen = LatencySpec.Precision.fromToken(p.text()).orElseThrow(() -> p.invalid(
                    "unknown precision '" + p.text() + "' (expected fp32 or int8)"));
            if (chosen == LatencySpec.Precision.INT8 && source != null && source != LatencySpec.Source.ONNXRUNTIME) {
                throw p.invalid("int8 latency is timed in ONNX Runtime: use source: onnxruntime");
            }
            return chosen;
        });
        Optional<LatencySpec.Source> compareWith = optional(v, "compare_with", Optional.empty(), c -> {
            List<LatencySpec.Source> others = source == null || precision == null ? List.of()
                    : LatencySpec.comparable(source, precision);
            if (others.isEmpty()) {
                throw c.invalid("compare_with compares two engines that measure on this machine: source: measured "
                        + "or onnxruntime");
            }
            return Optional.of(others.stream().filter(o -> o.token().equals(c.text())).findFirst().orElseThrow(() ->
                    c.invalid("a search timed in " + source.token() + (precision == LatencySpec.Precision.INT8
                            ? " int8" : "") + " compares with " + others.stream().map(LatencySpec.Source::token)
                            .collect(Collectors.joining(" or ")) + ", got '" + c.text() + "'")));
        });
        return allPresent(source, name, precision, compareWith) ? new LatencySpec(source, name, precision,
                compareWith) : null;
    }

    /** Every stride must act on a feature map at least as large as itself, or it would shrink it below 1x1. */
    private void checkStrides(FeatureMap input, Stem stem, List<BlockSpace> blocks) {
        FeatureMap map = input;
        if (map.height() < stem.stride() || map.width() < stem.stride()) {
            problems.add(new Problem(origin, stemStrideNode.line(), "stem.stride", shrinkMessage(stem.stride(), map)));
            return;
        }
        map = map.after(stem.stride(), stem.filters());
        for (int i = 0; i < blocks.size(); i++) {
            int stride = blocks.get(i).stride();
            if (map.height() < stride || map.width() < stride) {
                YamlValue node = strideNodes.get(i);
                problems.add(new Problem(origin, node.line(), "blocks[" + i + "].stride",
                        shrinkMessage(stride, map)));
                return;
            }
            map = map.after(stride, 1);
        }
    }

    private static String shrinkMessage(int stride, FeatureMap map) {
        return "stride " + stride + " would shrink the " + map.height() + "x" + map.width()
                + " feature map below 1x1; remove a stride or use a larger input";
    }

    private int oddKernel(YamlValue v) {
        int kernel = upTo(SpaceLimits.KERNEL).apply(v);
        if (kernel % 2 == 0) {
            throw v.invalid("kernel must be odd so that 'same' padding is symmetric, got " + kernel);
        }
        return kernel;
    }

    private int stride(YamlValue v) {
        return upTo(SpaceLimits.STRIDE).apply(v);
    }

    /** A positive integer no larger than {@code max}: see {@link SpaceLimits}. */
    private static Function<YamlValue, Integer> upTo(int max) {
        return v -> atMost(v, v.positiveInteger(), max);
    }

    private static int atMost(YamlValue v, int value, int max) {
        if (value > max) {
            throw v.invalid("must be at most " + max + ", got " + value);
        }
        return value;
    }

    private static int atLeast(YamlValue v, int value, int min) {
        if (value < min) {
            throw v.invalid("must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** One value or a list of them; a list must not be empty or repeat a value. */
    private static <T> Choice<T> choices(YamlValue v, Function<YamlValue, T> item) {
        if (v.isMapping()) {
            throw v.invalid("expected a value or a list of values");
        }
        List<YamlValue> nodes = v.isSequence() ? v.items() : List.of(v);
        if (nodes.isEmpty()) {
            throw v.invalid("empty choice list");
        }
        if (nodes.size() > SpaceLimits.CHOICES) {
            throw v.invalid("at most " + SpaceLimits.CHOICES + " choices, got " + nodes.size());
        }
        List<T> values = new ArrayList<>();
        for (YamlValue node : nodes) {
            T value = item.apply(node);
            if (values.contains(value)) {
                throw node.invalid("duplicate choice " + node.text());
            }
            values.add(value);
        }
        return new Choice<>(values);
    }

    private <T> T required(YamlValue parent, String key, Function<YamlValue, T> parse) {
        Optional<YamlValue> value = parent.get(key);
        if (value.isEmpty()) {
            problems.add(parent.missing(key));
            return null;
        }
        return read(value.get(), parse);
    }

    private <T> T optional(YamlValue parent, String key, T fallback, Function<YamlValue, T> parse) {
        Optional<YamlValue> value = parent.get(key);
        return value.isEmpty() ? fallback : read(value.get(), parse);
    }

    /** Parses one value; a problem is recorded and null returned, so reading goes on with the next key. */
    private <T> T read(YamlValue value, Function<YamlValue, T> parse) {
        try {
            return parse.apply(value);
        } catch (YamlValue.Invalid e) {
            problems.add(e.problem());
        } catch (IllegalArgumentException e) {
            problems.add(value.problem(e.getMessage()));
        }
        return null;
    }

    private static boolean allPresent(Object... values) {
        return Arrays.stream(values).allMatch(Objects::nonNull);
    }
}
