package dev.nas.latency.experiment;

import dev.nas.latency.internal.CsvFile;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One row's predicted latency, beside its measured one where the row has it: what {@code nas latency predict} and
 * {@code nas latency eval --out} write, one per row.
 *
 * @param key the row's key as written
 */
public record Prediction(String key, OptionalDouble measuredMs, double predictedMs) {

    public static final List<String> COLUMNS = List.of("key", "latency_ms", "predicted_ms");

    /**
     * Predictions as CSV: key, measured latency (empty where not measured), predicted latency; a sheet
     * {@code nas latency import} and {@code eval --csv} read back.
     */
    public static String csv(List<Prediction> predictions) {
        return CsvFile.text(List.of(), COLUMNS, predictions.stream().<List<?>>map(p -> List.of(p.key(),
                p.measuredMs().isPresent() ? p.measuredMs().getAsDouble() : "", p.predictedMs())).toList());
    }
}
