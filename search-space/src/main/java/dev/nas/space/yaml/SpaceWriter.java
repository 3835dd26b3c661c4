package dev.nas.space.yaml;

import dev.nas.space.BlockSpace;
import dev.nas.space.Choice;
import dev.nas.space.Dimension;
import dev.nas.space.Domain;
import dev.nas.space.Epochs;
import dev.nas.space.LatencySpec;
import dev.nas.space.LayerOp;
import dev.nas.space.Normalize;
import dev.nas.space.Numbers;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.OpSpace;
import dev.nas.space.Range;
import dev.nas.space.SearchSpace;
import dev.nas.space.TrainingSpace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * Writes a {@link SearchSpace} as YAML that {@link SpaceLoader} reads back to an equal space: a single value for a
 * fixed choice, a list for a choice, a mapping for a range. Widths given as {@code {base, scale}} come out as the
 * explicit widths they stand for.
 *
 * <pre>{@code
 * String yaml = SpaceWriter.write(space.only(candidate, Epochs.fixed(5)));   // one architecture, standalone
 * }</pre>
 */
public final class SpaceWriter {

    private SpaceWriter() {
    }

    public static String write(SearchSpace space) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", space.name());
        root.put("input", ordered("height", space.input().height(), "width", space.input().width(),
                "channels", space.input().channels()));
        root.put("classes", space.classes());
        root.put("stem", ordered("filters", space.stem().filters(), "kernel", space.stem().kernel(),
                "stride", space.stem().stride()));
        root.put("blocks", space.blocks().stream().map(SpaceWriter::block).toList());
        root.put("head", ordered("filters", space.head().filters()));
        root.put("training", training(space.training()));
        root.put("objective", objective(space.objective()));
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.AUTO).setWidth(120).build();
        return new Dump(settings, new Representer(settings)).dumpToString(root);
    }

    private static Map<String, Object> block(BlockSpace block) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stride", block.stride());
        if (block.ops() instanceof OpSpace.Factorized f) {
            out.put("op", value(f.types()));
            out.put("kernel", value(f.kernels()));
            out.put("expansion", value(f.expansions()));
            out.put("se", value(f.se()));
        } else if (block.ops() instanceof OpSpace.Variants v) {
            out.put("variants", v.variants().options().stream().map(LayerOp::token).toList());
        }
        out.put("skip", value(block.skip()));
        out.put("filters", value(block.filters()));
        out.put("layers", value(block.layers()));
        return out;
    }

    private static Map<String, Object> training(TrainingSpace training) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("learning_rate", value(training.learningRate()));
        out.put("batch_size", value(training.batchSize()));
        out.put("optimizer", value(training.optimizer()));
        out.put("weight_decay", value(training.weightDecay()));
        Epochs epochs = training.epochs();
        out.put("epochs", epochs.isFixed() ? epochs.max() : ordered("min", epochs.min(), "max", epochs.max()));
        out.put("schedule", training.schedule().token());
        training.augment().ifPresent(a -> out.put("augment", ordered("crop", value(a.crop()), "flip",
                value(a.flip()), "cutout", value(a.cutout()))));
        if (training.normalize() != Normalize.NONE) {
            out.put("normalize", training.normalize().token());
        }
        return out;
    }

    private static Map<String, Object> objective(ObjectiveSpec objective) {
        Map<String, Object> out = new LinkedHashMap<>();
        objective.target().ifPresent(t -> {
            if (t.objective().equals(Objective.LATENCY)) {
                out.put("target_latency_ms", t.value());
            } else {
                out.put("target", ordered("objective", t.objective().token(), "value", t.value()));
            }
        });
        out.put("constraint", objective.constraint().name().toLowerCase(Locale.ROOT));
        out.put("exponent", objective.exponent());
        out.put("pareto", objective.pareto().stream().map(o -> o instanceof Objective.Column c
                ? ordered("column", c.token(), "direction", c.direction(), "unit", c.unit()) : o.token()).toList());
        LatencySpec latency = objective.latency();
        if (!latency.equals(LatencySpec.MEASURED)) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", latency.source().token());
            if (latency.source() == LatencySpec.Source.LUT || latency.source() == LatencySpec.Source.PREDICTOR) {
                source.put("device", latency.device());
            }
            if (latency.precision() != LatencySpec.Precision.FP32) {
                source.put("precision", latency.precision().token());
            }
            latency.compareWith().ifPresent(other -> source.put("compare_with", other.token()));
            out.put("latency", source);
        }
        return out;
    }

    /** One value for a fixed choice, a list otherwise, a mapping for a range; values as candidate keys write them. */
    private static Object value(Domain<?> domain) {
        if (domain instanceof Range r) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put(r.log() ? "log_uniform" : "uniform", List.of(r.low(), r.high()));
            if (r.gridPoints() > 0) {
                range.put("grid", r.gridPoints());
            }
            return range;
        }
        List<Object> options = ((Choice<?>) domain).options().stream().map(SpaceWriter::scalar).toList();
        return options.size() == 1 ? options.get(0) : options;
    }

    private static Object scalar(Object value) {
        return value instanceof Enum<?> ? Dimension.format(value) : value;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Numbers as candidate keys write them (0.001, 3.16e-5), rather than Java's 1.0E-4. */
    private static final class Representer extends StandardRepresenter {

        Representer(DumpSettings settings) {
            super(settings);
            representers.put(Double.class, data -> {
                String text = Numbers.format((Double) data);
                return representScalar(settings.getSchema().getScalarResolver().resolve(text, true), text);
            });
        }
    }
}
