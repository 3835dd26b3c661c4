package dev.nas.latency.lut;

import dev.nas.latency.Timing;
import dev.nas.latency.internal.CsvFile;
import dev.nas.space.BadInput;
import dev.nas.space.LayerOp;
import dev.nas.space.Numbers;
import dev.nas.space.plan.ActivationMemory;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A latency lookup table (ProxylessNAS, FBNet): the batch-1 latency of each distinct layer configuration, timed
 * alone once. A network's table latency is the sum of its rows ({@link #sum}); {@link LutFit} maps the sum to the
 * network's measured latency. As a file, one row a layer with its configuration spelled out for a spreadsheet.
 */
public record LookupTable(Map<LayerKey, Timing> rows) {

    public static final LookupTable EMPTY = new LookupTable(Map.of());
    public static final List<String> COLUMNS = List.of("layer", "op", "kernel", "expansion", "se", "shortcut",
            "stride", "in_height", "in_width", "in_channels", "out_channels", "params", "macs", "memory", "median_ms",
            "iqr_ms", "runs");

    public LookupTable {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public Optional<Timing> row(LayerKey layer) {
        return Optional.ofNullable(rows.get(layer));
    }

    /** The layers of {@code needed} that the table lacks, each once, in order. */
    public List<LayerKey> missing(Collection<LayerKey> needed) {
        return new ArrayList<>(new LinkedHashSet<>(needed.stream().filter(layer -> !rows.containsKey(layer))
                .toList()));
    }

    /** The sum of the rows of {@code layers}; throws naming the first layer the table lacks. */
    public double sum(List<LayerKey> layers) {
        double sum = 0;
        for (LayerKey layer : layers) {
            sum += row(layer).orElseThrow(() -> new BadInput("the lookup table has no row for layer "
                    + layer.token())).medianMs();
        }
        return sum;
    }

    /** The sum of the rows a network is made of: its stem, layers and head convolution. */
    public double sum(NetworkPlan plan) {
        return sum(LayerKey.profiled(plan));
    }

    /** The rows of {@code layers} only. */
    public LookupTable only(Collection<LayerKey> layers) {
        Map<LayerKey, Timing> some = new LinkedHashMap<>();
        layers.forEach(layer -> row(layer).ifPresent(timing -> some.put(layer, timing)));
        return new LookupTable(some);
    }

    public LookupTable with(LayerKey layer, Timing timing) {
        Map<LayerKey, Timing> more = new LinkedHashMap<>(rows);
        more.put(layer, timing);
        return new LookupTable(more);
    }

    /** One row's cells in the order of {@link #COLUMNS}. */
    public static List<Object> cells(LayerKey layer, Timing timing) {
        LayerSpec spec = layer.spec();
        Cost cost = Cost.of(spec);
        LayerOp op = layer.op();
        return List.of(layer.token(), op.type().token(), op.kernel(), op.expansion(), Numbers.format(op.se()),
                layer.shortcut().name().toLowerCase(Locale.ROOT), layer.stride(), layer.in().height(),
                layer.in().width(), layer.in().channels(), layer.outChannels(), cost.params(), cost.macs(),
                ActivationMemory.peak(spec), timing.medianMs(), timing.iqrMs(), timing.runs());
    }

    /** Reads a table written by {@link #append}; a bad row throws naming the file and line. */
    public static LookupTable read(Path file) {
        Map<LayerKey, Timing> rows = new LinkedHashMap<>();
        for (CsvFile.Row row : CsvFile.read(file, List.of("layer", "median_ms", "iqr_ms", "runs"))) {
            String where = file + ":" + row.line() + ": ";
            try {
                LayerKey layer = LayerKey.parse(row.get("layer"));
                Timing timing = new Timing(Double.parseDouble(row.get("median_ms")),
                        Double.parseDouble(row.get("iqr_ms")), Integer.parseInt(row.get("runs")));
                if (!(timing.medianMs() > 0) || !(timing.iqrMs() >= 0) || timing.runs() < 1) {
                    throw new BadInput("a row needs median_ms > 0, iqr_ms >= 0 and runs >= 1, got "
                            + timing);
                }
                if (rows.put(layer, timing) != null) {
                    throw new BadInput("layer " + layer.token() + " appears twice");
                }
            } catch (NumberFormatException e) {
                throw new BadInput(where + "median_ms, iqr_ms and runs must be numbers: "
                        + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BadInput(where + e.getMessage());
            }
        }
        return new LookupTable(rows);
    }

    /** Appends one row to {@code file}, starting it with {@code comments} and the header if it is new. */
    public static void append(Path file, List<String> comments, LayerKey layer, Timing timing) {
        CsvFile.create(file, comments, COLUMNS);
        CsvFile.append(file, cells(layer, timing));
    }
}
