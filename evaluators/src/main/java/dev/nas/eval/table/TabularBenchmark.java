package dev.nas.eval.table;

import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Dimension;
import dev.nas.space.Epochs;
import dev.nas.space.Numbers;
import dev.nas.space.SearchSpace;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.Set;
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

    /**
     * Reads {@code file} for {@code space}; anything wrong with it (a bad cell, an accuracy outside [0, 1], a
     * latency that is not a positive number, a gap in the epoch columns) throws naming the file, line and column, so
     * that nonsense never becomes a trial result.
     */
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
            List<String> epochColumns = epochColumns(file, header);
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
        } catch (NoSuchFileException e) {
            throw new TableException(file + ": no such table file");
        } catch (IOException e) {
            throw new TableException(file + ": cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            // Commons CSV wraps what it cannot parse (an unclosed quote) with the line it started on
            throw new TableException(file + ": cannot be read: " + e.getCause().getMessage());
        }
        return new TabularBenchmark(file, rows, provenance);
    }

    /** {@code accuracy_epoch_1} .. {@code accuracy_epoch_N}, all of them, in order. */
    private static List<String> epochColumns(Path file, List<String> header) {
        List<String> found = header.stream().filter(h -> h.startsWith(EPOCH_PREFIX)).toList();
        List<String> expected = new ArrayList<>();
        for (int e = 1; e <= found.size(); e++) {
            expected.add(EPOCH_PREFIX + e);
        }
        if (!Set.copyOf(found).equals(Set.copyOf(expected))) {
            throw new TableException(file + ": the epoch columns " + found + " are not " + EPOCH_PREFIX + "1 to "
                    + EPOCH_PREFIX + found.size() + " without gaps");
        }
        return expected;
    }

    private static TableRow row(Path file, CSVRecord record, List<String> dimensions, List<String> epochColumns,
                                CandidateCodec codec) {
        String where = file + ":" + record.getParser().getCurrentLineNumber() + ": ";
        if (!record.isConsistent()) {
            throw new TableException(where + "the row has " + record.size() + " cells, the header "
                    + record.getParser().getHeaderNames().size());
        }
        try {
            Candidate candidate = codec.fromCells(dimensions.stream().map(record::get).toList());
            double accuracy = accuracy(where, "accuracy", record.get("accuracy"));
            List<Double> byEpoch = new ArrayList<>();
            for (String column : epochColumns) {
                byEpoch.add(accuracy(where, column, record.get(column)));
            }
            if (byEpoch.isEmpty()) {
                byEpoch.add(accuracy);
            }
            OptionalDouble latency = optional(record, "latency_ms").stream()
                    .mapToDouble(text -> positive(where, "latency_ms", text)).findFirst();
            return new TableRow(candidate, byEpoch, latency, count(where, record, "params"),
                    count(where, record, "flops"));
        } catch (IllegalArgumentException e) {
            throw e instanceof TableException ? e : new TableException(where + e.getMessage());
        }
    }

    private static double number(String where, String column, String text) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new TableException(where + column + ": '" + text + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new TableException(where + column + ": '" + text + "' is not a number");
        }
    }

    private static double accuracy(String where, String column, String text) {
        double value = number(where, column, text);
        if (value < 0 || value > 1) {
            throw new TableException(where + column + ": " + text + " is not an accuracy between 0 and 1 (a "
                    + "share, not a percentage)");
        }
        return value;
    }

    private static double positive(String where, String column, String text) {
        double value = number(where, column, text);
        if (value <= 0) {
            throw new TableException(where + column + ": " + text + " is not a positive number of milliseconds");
        }
        return value;
    }

    private static Optional<String> optional(CSVRecord record, String column) {
        return record.isMapped(column) && !record.get(column).isEmpty() ? Optional.of(record.get(column))
                : Optional.empty();
    }

    private static OptionalLong count(String where, CSVRecord record, String column) {
        Optional<String> text = optional(record, column);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TableException(where + column + ": '" + text.get() + "' is not a count (a whole number, at "
                + "least 0)");
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

    /** Epochs every candidate has accuracies for: its epoch columns, or 1 when it has only the final accuracy. */
    public int epochs() {
        return rows.values().iterator().next().accuracyByEpoch().size();
    }

    /**
     * Refuses, before a study starts, a table without rows, one without the epochs a search would ask for, and one
     * with latencies for some candidates only.
     */
    public void checkServes(Epochs trained) {
        if (rows.isEmpty()) {
            throw new TableException(file + ": the table has no rows; it needs one per candidate");
        }
        if (trained.max() > epochs()) {
            throw new TableException(file + ": the table has accuracies for " + epochs() + " epoch(s) per candidate"
                    + (epochs() == 1 ? " (no " + EPOCH_PREFIX + "N columns)" : "") + ", the search trains up to "
                    + trained.max() + "; give training.epochs at most " + epochs());
        }
        long untimed = rows.values().stream().filter(row -> row.latencyMs().isEmpty()).count();
        if (untimed > 0 && untimed < rows.size()) {
            // Some timed and some not: a table made in part, or a column filled in part; neither is a study's data.
            TableRow first = rows.values().stream().filter(row -> row.latencyMs().isEmpty()).findFirst().orElseThrow();
            throw new TableException(file + ": " + untimed + " of " + rows.size() + " rows have no latency_ms (the "
                    + "first: " + first.candidate().key() + "); give every candidate's latency or none: fill the "
                    + "column in, or for a space nas builds, time them with nas table --space FILE --out " + file
                    + " --remeasure-latency");
        }
    }

    /** Whether the table has every candidate's latency; one without has none (see {@link #checkServes}). */
    public boolean timed() {
        return rows.values().stream().allMatch(row -> row.latencyMs().isPresent());
    }

    /** The {@code #} lines at the top of the file: how the table was made. */
    public List<String> provenance() {
        return provenance;
    }

    /** A table that cannot be read, with the file, line and column at fault. */
    public static final class TableException extends BadInput {

        TableException(String message) {
            super(message);
        }
    }
}
