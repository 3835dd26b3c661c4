package dev.nas.eval.table;

import dev.nas.core.trial.Scores;
import dev.nas.space.BadInput;
import dev.nas.space.Candidate;
import dev.nas.space.CandidateCodec;
import dev.nas.space.Dimension;
import dev.nas.space.Epochs;
import dev.nas.space.LatencySpec;
import dev.nas.space.Numbers;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.Footprint;
import dev.nas.space.plan.NetworkPlan;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
 * Each column the space's objectives name ({@code pareto: [accuracy, {column: energy_mj, direction: minimize, unit:
 * mJ}]}) must be there, with a finite number in every row. Published benchmarks converted to this format can be
 * searched like the shipped one.
 *
 * <p>A table that trained each candidate several times, to record the noise of training, gives each run's final
 * accuracy in {@code accuracy_run_1} .. {@code accuracy_run_K} instead of {@code accuracy}, and each run's epochs in
 * {@code accuracy_run_R_epoch_1} .. {@code accuracy_run_R_epoch_N} instead of {@code accuracy_epoch_N}; a trial
 * draws one run from its seed ({@link TableRow#run}).
 */
public final class TabularBenchmark {

    private static final String EPOCH_PREFIX = "accuracy_epoch_";
    private static final String RUN_PREFIX = "accuracy_run_";
    private static final Pattern RUN = Pattern.compile(RUN_PREFIX + "\\d+");

    private final Path file;
    private final Map<Candidate, TableRow> rows;
    private final List<String> provenance;
    private final int runs;

    private TabularBenchmark(Path file, Map<Candidate, TableRow> rows, List<String> provenance, int runs) {
        this.file = file;
        this.rows = rows;
        this.provenance = List.copyOf(provenance);
        this.runs = runs;
    }

    /** Where one training run's accuracies are: the column of its final accuracy, and its epoch columns in order. */
    private record RunColumns(String accuracy, List<String> epochs) {
    }

    /**
     * Reads {@code file} for {@code space}; anything wrong with it (a bad cell, an accuracy outside [0, 1], a
     * latency that is not a positive number, a gap in the epoch or run columns) throws naming the file, line and
     * column, so that nonsense never becomes a trial result.
     */
    public static TabularBenchmark read(Path file, SearchSpace space) {
        CandidateCodec codec = space.codec();
        List<String> dimensions = codec.dimensions().stream().map(Dimension::name).toList();
        List<String> columns = space.objective().columns().stream().map(Objective.Column::token).toList();
        List<String> provenance = new ArrayList<>();
        Map<Candidate, TableRow> rows = new LinkedHashMap<>();
        List<RunColumns> runs;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = format().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<String> header = csv.getHeaderNames();
            String at = file + ":" + csv.getCurrentLineNumber() + ": ";
            runs = runColumns(at, header);
            List<String> missing = new ArrayList<>(dimensions);
            missing.add(runs.get(0).accuracy());
            missing.addAll(columns);
            missing.removeAll(header);
            if (!missing.isEmpty()) {
                throw new TableException(at + "the header lacks the column(s) " + missing + " of space '"
                        + space.name() + "'" + (missing.stream().anyMatch(columns::contains)
                        ? " (its objectives name " + columns + ")" : ""));
            }
            if (csv.hasHeaderComment()) {
                provenance.addAll(csv.getHeaderComment().lines().toList());
            }
            for (CSVRecord record : csv) {
                TableRow row = row(file, record, dimensions, runs, columns, codec);
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
        return new TabularBenchmark(file, rows, provenance, runs.size());
    }

    /**
     * The accuracy columns: {@code accuracy} and {@code accuracy_epoch_N} for one run, or {@code accuracy_run_R}
     * and {@code accuracy_run_R_epoch_N} for each of several; never both kinds, every run with the same epochs.
     * {@code at} is the file and the header's line.
     */
    private static List<RunColumns> runColumns(String at, List<String> header) {
        List<String> finals = header.stream().filter(h -> RUN.matcher(h).matches()).toList();
        if (finals.isEmpty()) {
            header.stream().filter(h -> h.startsWith(RUN_PREFIX)).findFirst().ifPresent(h -> {
                throw new TableException(at + h + ": a run's epoch columns need the run's accuracy_run_R column");
            });
            return List.of(new RunColumns("accuracy", numbered(at, header, EPOCH_PREFIX, "the epoch columns")));
        }
        header.stream().filter(h -> h.equals("accuracy") || h.startsWith(EPOCH_PREFIX)).findFirst().ifPresent(h -> {
            throw new TableException(at + h + ": a table with " + RUN_PREFIX + "R columns gives each run's "
                    + "accuracies there (" + RUN_PREFIX + "R, " + RUN_PREFIX + "R_epoch_N), not in " + h);
        });
        List<String> numbers = numbered(at, finals, RUN_PREFIX, "the run columns");
        List<RunColumns> runs = new ArrayList<>();
        for (String run : numbers) {
            runs.add(new RunColumns(run, numbered(at, header, run + "_epoch_", "the epoch columns of " + run)));
            if (runs.get(runs.size() - 1).epochs().size() != runs.get(0).epochs().size()) {
                throw new TableException(at + run + ": the run has " + runs.get(runs.size() - 1).epochs().size()
                        + " epoch columns, " + numbers.get(0) + " has " + runs.get(0).epochs().size());
            }
        }
        Set<String> known = new HashSet<>(numbers);
        runs.forEach(r -> known.addAll(r.epochs()));
        header.stream().filter(h -> h.startsWith(RUN_PREFIX) && !known.contains(h)).findFirst().ifPresent(h -> {
            throw new TableException(at + h + ": not a column of runs " + RUN_PREFIX + "1 to " + numbers.size()
                    + " (" + RUN_PREFIX + "R or " + RUN_PREFIX + "R_epoch_N)");
        });
        return runs;
    }

    /** The columns of {@code columns} that start with {@code prefix}: {@code prefix}1 .. N, all of them, in order. */
    private static List<String> numbered(String at, List<String> columns, String prefix, String what) {
        List<String> found = columns.stream().filter(h -> h.startsWith(prefix)).toList();
        List<String> expected = IntStream.rangeClosed(1, found.size()).mapToObj(n -> prefix + n).toList();
        if (!Set.copyOf(found).equals(Set.copyOf(expected))) {
            String odd = found.stream().filter(c -> !expected.contains(c)).findFirst().orElseThrow();
            throw new TableException(at + odd + ": " + what + " " + found + " are not " + prefix + "1 to " + prefix
                    + found.size() + " without gaps");
        }
        return expected;
    }

    private static TableRow row(Path file, CSVRecord record, List<String> dimensions, List<RunColumns> runColumns,
                                List<String> columns, CandidateCodec codec) {
        String where = file + ":" + record.getParser().getCurrentLineNumber() + ": ";
        if (!record.isConsistent()) {
            throw new TableException(where + "the row has " + record.size() + " cells, the header "
                    + record.getParser().getHeaderNames().size());
        }
        try {
            Candidate candidate = codec.fromCells(dimensions.stream().map(record::get).toList());
            List<List<Double>> runs = new ArrayList<>();
            for (RunColumns run : runColumns) {
                double accuracy = accuracy(where, run.accuracy(), record.get(run.accuracy()));
                List<Double> byEpoch = new ArrayList<>();
                for (String column : run.epochs()) {
                    byEpoch.add(accuracy(where, column, record.get(column)));
                }
                runs.add(byEpoch.isEmpty() ? List.of(accuracy) : byEpoch);
            }
            OptionalDouble latency = optional(record, "latency_ms").stream()
                    .mapToDouble(text -> positive(where, "latency_ms", text)).findFirst();
            Map<String, Double> values = new LinkedHashMap<>();
            for (String column : columns) {
                values.put(column, number(where, column, record.get(column)));
            }
            return new TableRow(candidate, runs, latency, count(where, record, "params"),
                    count(where, record, "flops"), values);
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

    /** Starts a table file of one run per candidate; see {@link #create(Path, SearchSpace, int, int, List)}. */
    public static void create(Path file, SearchSpace space, int epochs, List<String> provenance) {
        create(file, space, epochs, 1, provenance);
    }

    /**
     * Starts a table file for {@code space} with its provenance lines and the columns of {@code runs} training runs
     * per candidate, unless it exists already.
     */
    public static void create(Path file, SearchSpace space, int epochs, int runs, List<String> provenance) {
        if (Files.exists(file)) {
            return;
        }
        List<String> header = new ArrayList<>(space.codec().dimensions().stream().map(Dimension::name).toList());
        List<String> prefixes = new ArrayList<>();
        if (runs == 1) {
            header.add("accuracy");
            prefixes.add(EPOCH_PREFIX);
        }
        for (int r = 1; runs > 1 && r <= runs; r++) {
            header.add(RUN_PREFIX + r);
            prefixes.add(RUN_PREFIX + r + "_epoch_");
        }
        header.addAll(List.of("latency_ms", "params", "flops"));
        for (String prefix : prefixes) {
            for (int e = 1; e <= epochs; e++) {
                header.add(prefix + e);
            }
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

    /**
     * Appends one row to a table {@link #create}d for {@code space} with as many runs as the row has, so an
     * interrupted make loses nothing.
     */
    public static void append(Path file, SearchSpace space, TableRow row) {
        List<Object> cells = new ArrayList<>(space.codec().cells(row.candidate()));
        row.runs().forEach(run -> cells.add(Numbers.format(run.get(run.size() - 1))));
        cells.add(row.latencyMs().isPresent() ? Numbers.format(row.latencyMs().getAsDouble()) : "");
        cells.add(row.params().isPresent() ? row.params().getAsLong() : "");
        cells.add(row.flops().isPresent() ? row.flops().getAsLong() : "");
        row.runs().forEach(run -> run.forEach(a -> cells.add(Numbers.format(a))));
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

    /** Training runs per candidate: 1, or as many as the table has {@code accuracy_run_R} columns. */
    public int runs() {
        return runs;
    }

    /**
     * Every score the table can give a candidate of {@code space} trained for {@code epoch} epochs, one per row and
     * run: what a comparison judges the best reward and the true front by. Parameters, MACs, memory and size are
     * counted from each candidate's plan, as a search counts its trials'; latency and the objective columns are the
     * table's.
     */
    public List<Scores> scores(SearchSpace space, int epoch) {
        LatencySpec.Precision precision = space.objective().latency().precision();
        List<Scores> scores = new ArrayList<>();
        for (TableRow row : rows.values()) {
            NetworkPlan plan = NetworkPlan.of(space, row.candidate());
            Cost cost = Cost.of(plan);
            Map<String, Double> others = Footprint.of(plan, cost, precision).with(row.columns());
            for (List<Double> run : row.runs()) {
                scores.add(new Scores(run.get(epoch - 1), row.latencyMs().orElse(Double.NaN), cost.params(),
                        cost.macs(), others));
            }
        }
        return scores;
    }

    /**
     * Whether every candidate of {@code space} has a row: its grid is walked up to the first candidate missing. A
     * space with a dimension that has no grid (a continuous range without {@code grid: N}) is never complete.
     */
    public boolean complete(SearchSpace space) {
        CandidateCodec codec = space.codec();
        if (codec.dimensions().stream().anyMatch(d -> d.domain().gridSize() == 0)) {
            return false;
        }
        for (long i = 0; i < codec.gridSize(); i++) {
            Optional<Candidate> point = codec.gridPoint(i);
            if (point.isPresent() && !rows.containsKey(point.get())) {
                return false;
            }
        }
        return true;
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

    /**
     * What a search of this table optimises: the space's objectives, without latency where the table has none (as a
     * study scored from it has them); refused where the reward's target is latency.
     */
    public ObjectiveSpec objective(SearchSpace space) {
        if (timed()) {
            return space.objective();
        }
        if (space.objective().targetLatencyMs().isPresent()) {
            throw new TableException(file + ": the table has no latency_ms, and the space's objective has "
                    + "target_latency_ms, which needs every candidate's latency; remove it to search the table for "
                    + "accuracy and the other objectives");
        }
        return space.objective().withoutLatency();
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
