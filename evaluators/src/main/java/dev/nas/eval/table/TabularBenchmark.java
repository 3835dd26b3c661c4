package dev.nas.eval.table;

import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Dimension;
import dev.nas.space.Numbers;
import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A tabular benchmark: every candidate of a space trained once, as a CSV file. {@code #} lines first say how the
 * table was made; then a header of one column per searched dimension, named as in the space
 * ({@code blocks[1].op}, {@code training.learning_rate}) with values as in the candidate key ({@code mbconv},
 * {@code 5}, {@code 0.25}), then {@code accuracy} (after the last epoch), optional {@code latency_ms},
 * {@code params}, {@code flops} (multiply-accumulates), and {@code accuracy_epoch_1} .. {@code accuracy_epoch_N}
 * for multi-fidelity controllers. A {@code key} column, when present, is ignored: the dimension columns decide.
 * Published benchmarks converted to this format can be searched like the shipped one.
 */
public final class TabularBenchmark {

    private static final String EPOCH_PREFIX = "accuracy_epoch_";

    private final Path file;
    private final Map<Candidate, TableRow> rows;
    private final List<String> provenance;

    private TabularBenchmark(Path file, Map<Candidate, TableRow> rows, List<String> provenance) {
        this.file = file;
        this.rows = rows;
        this.provenance = List.copyOf(provenance);
    }

    /** Reads {@code file} for {@code space}; a bad cell throws naming the file, line and column. */
    public static TabularBenchmark read(Path file, SearchSpace space) {
        CandidateCodec codec = space.codec();
        List<String> dimensions = codec.dimensions().stream().map(Dimension::name).toList();
        List<String> provenance = new ArrayList<>();
        Map<Candidate, TableRow> rows = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = format().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<String> header = csv.getHeaderNames();
            List<String> missing = new ArrayList<>(dimensions);
            missing.add("accuracy");
            missing.removeAll(header);
            if (!missing.isEmpty()) {
                throw new TableException(file + ": the header lacks the column(s) " + missing + " of space '"
                        + space.name() + "'");
            }
            List<String> epochColumns = header.stream().filter(h -> h.startsWith(EPOCH_PREFIX)).toList();
            if (csv.hasHeaderComment()) {
                provenance.addAll(csv.getHeaderComment().lines().toList());
            }
            for (CSVRecord record : csv) {
                TableRow row = row(file, record, dimensions, epochColumns, codec);
                if (rows.put(row.candidate(), row) != null) {
                    throw new TableException(file + ":" + record.getParser().getCurrentLineNumber()
                            + ": candidate " + row.candidate().key() + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the table " + file, e);
        }
        return new TabularBenchmark(file, rows, provenance);
    }

    private static TableRow row(Path file, CSVRecord record, List<String> dimensions, List<String> epochColumns,
                                CandidateCodec codec) {
        String where = file + ":" + record.getParser().getCurrentLineNumber() + ": ";
        try {
            Candidate candidate = codec.fromCells(dimensions.stream().map(record::get).toList());
            double accuracy = number(where, "accuracy", record.get("accuracy"));
            List<Double> byEpoch = new ArrayList<>();
            for (int e = 1; e <= epochColumns.size(); e++) {
                String column = EPOCH_PREFIX + e;
                byEpoch.add(number(where, column, record.get(column)));
            }
            if (byEpoch.isEmpty()) {
                byEpoch.add(accuracy);
            }
            return new TableRow(candidate, byEpoch, optional(where, record, "latency_ms"),
                    optionalLong(where, record, "params"), optionalLong(where, record, "flops"));
        } catch (IllegalArgumentException e) {
            throw e instanceof TableException ? e : new TableException(where + e.getMessage());
        }
    }

    private static double number(String where, String column, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TableException(where + column + ": '" + text + "' is not a number");
        }
    }

    private static OptionalDouble optional(String where, CSVRecord record, String column) {
        return record.isMapped(column) && !record.get(column).isEmpty()
                ? OptionalDouble.of(number(where, column, record.get(column))) : OptionalDouble.empty();
    }

    private static OptionalLong optionalLong(String where, CSVRecord record, String column) {
        OptionalDouble value = optional(where, record, column);
        return value.isPresent() ? OptionalLong.of((long) value.getAsDouble()) : OptionalLong.empty();
    }

    private static CSVFormat.Builder format() {
        return CSVFormat.DEFAULT.builder().setCommentMarker('#').setRecordSeparator('\n');
    }

    /** Starts a table file for {@code space} with its provenance lines, unless it exists already. */
    public static void create(Path file, SearchSpace space, int epochs, List<String> provenance) {
        if (Files.exists(file)) {
            return;
        }
        List<String> header = new ArrayList<>(space.codec().dimensions().stream().map(Dimension::name).toList());
        header.addAll(List.of("accuracy", "latency_ms", "params", "flops"));
        for (int e = 1; e <= epochs; e++) {
            header.add(EPOCH_PREFIX + e);
        }
        header.add("key");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = format().setHeader(header.toArray(String[]::new))
                     .setHeaderComments(provenance.toArray()).build().print(writer)) {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table " + file, e);
        }
    }

    /** Appends one row to a table {@link #create}d for {@code space}, so an interrupted make loses nothing. */
    public static void append(Path file, SearchSpace space, TableRow row) {
        List<Object> cells = new ArrayList<>(space.codec().cells(row.candidate()));
        cells.add(Numbers.format(row.accuracy()));
        cells.add(row.latencyMs().isPresent() ? Numbers.format(row.latencyMs().getAsDouble()) : "");
        cells.add(row.params().isPresent() ? row.params().getAsLong() : "");
        cells.add(row.flops().isPresent() ? row.flops().getAsLong() : "");
        row.accuracyByEpoch().forEach(a -> cells.add(Numbers.format(a)));
        cells.add(row.candidate().key());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
             CSVPrinter printer = format().build().print(writer)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the table " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public Optional<TableRow> row(Candidate candidate) {
        return Optional.ofNullable(rows.get(candidate));
    }

    public Collection<TableRow> rows() {
        return rows.values();
    }

    /** The {@code #} lines at the top of the file: how the table was made. */
    public List<String> provenance() {
        return provenance;
    }

    /** A table that cannot be read, with the file, line and column at fault. */
    public static final class TableException extends IllegalArgumentException {

        TableException(String message) {
            super(message);
        }
    }
}
