package dev.nas.latency.device;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.internal.CsvFile;
import dev.nas.space.BadInput;
import dev.nas.space.BlockChoice;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sheet of candidates a user measures on a device nas cannot run on (a phone, a Raspberry Pi): a CSV file with
 * a {@code key} column (candidate keys) and a {@code latency_ms} column, written empty by {@code nas latency sample}
 * and read back, filled in, by {@code nas latency import}. Reading checks every row and reports each bad one with
 * its line; other columns are ignored.
 */
public final class LatencySheet {

    private static final String KEY = "key";
    private static final String LATENCY = "latency_ms";
    public static final List<String> COLUMNS = List.of(KEY, LATENCY);

    private LatencySheet() {
    }

    /** A row that cannot be used, with its key as written (empty if it has none). */
    public record Problem(Path file, int line, String key, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message + (key.isEmpty() ? "" : " (key '" + key + "')");
        }
    }

    /**
     * A good row: its key as written, the candidate it names, and its latency where it has one.
     *
     * @param key the key as written, perhaps without the training part that latency does not depend on
     */
    public record Entry(String key, Candidate candidate, OptionalDouble latencyMs) {

        /** The row as a measurement; only for rows read with their latency required. */
        public MeasuredNetwork measured() {
            return new MeasuredNetwork(candidate, latencyMs.orElseThrow());
        }
    }

    /** What a sheet holds: the rows that can be used and the ones that cannot, with why. */
    public record Read(Path file, List<Entry> good, List<Problem> bad) {

        /**
         * The good rows, if every row is good, or if {@code keepGood} and some are; otherwise throws listing every
         * bad row. {@code purpose} says what the rows are for ({@code imported}).
         */
        public List<Entry> usable(boolean keepGood, String purpose) {
            if (!bad.isEmpty() && (!keepGood || good.isEmpty())) {
                throw new BadInput(bad.size() + " of " + (good.size() + bad.size()) + " rows of " + file
                        + " cannot be " + purpose + ":\n  " + String.join("\n  ", bad.stream().map(Object::toString)
                        .toList()) + (good.isEmpty() ? "" : "\nFix them, or give --keep-good to keep the "
                        + good.size() + " good rows."));
            }
            return good;
        }
    }

    /** {@code n} candidates of {@code space}, no two with the same architecture. */
    public static List<Candidate> sample(SearchSpace space, int n, long seed) {
        double architectures = space.blocks().stream().mapToDouble(block -> block.choices().size())
                .reduce(1, (a, b) -> a * b);
        if (n > architectures) {
            throw new BadInput("space '" + space.name() + "' has " + (long) architectures
                    + " architectures, fewer than " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<List<BlockChoice>, Candidate> distinct = new LinkedHashMap<>();
        while (distinct.size() < n) {
            Candidate candidate = space.codec().sample(random);
            distinct.putIfAbsent(candidate.blocks(), candidate);
        }
        return List.copyOf(distinct.values());
    }

    /** The sheet: {@code comments} as # lines, then one row per candidate with latency_ms left empty. */
    public static String text(List<String> comments, List<Candidate> candidates) {
        return CsvFile.text(comments, COLUMNS, candidates.stream().<List<?>>map(c -> List.of(c.key(), "")).toList());
    }

    /**
     * Reads a filled-in sheet for {@code space}. A row is bad if its key does not parse or is not in the space,
     * if its latency is missing, not a number or not positive, or if its architecture was given on an earlier
     * line or is among {@code known} (measured for the device before).
     */
    public static Read read(Path file, SearchSpace space, Set<List<BlockChoice>> known) {
        Map<List<BlockChoice>, Integer> seen = new HashMap<>();
        return read(file, space, true, (line, entry) -> {
            List<BlockChoice> architecture = entry.candidate().blocks();
            Integer earlier = seen.putIfAbsent(architecture, line);
            if (earlier != null) {
                throw new BadInput("the same architecture as line " + earlier);
            }
            if (known.contains(architecture)) {
                throw new BadInput("this architecture is measured for the device already");
            }
        });
    }

    /**
     * Reads a sheet of candidates to predict: each row needs a key of {@code space}; its latency may be empty, or
     * the column missing, but where given it must be a positive number. An architecture may come twice.
     */
    public static Read readKeys(Path file, SearchSpace space) {
        return read(file, space, false, (line, entry) -> { });
    }

    /**
     * The candidate a sheet's key names. Latency depends on the architecture alone, so a key may leave out the
     * training part ({@code |lr=...}); the space's first training settings stand in for it.
     */
    public static Candidate candidate(String key, SearchSpace space) {
        String whole = key.contains("|") ? key : key + "|" + space.codec()
                .decode(new double[space.codec().dimensions().size()]).training().token();
        return space.check(Candidate.parse(whole));
    }

    /** A check of one good row against the rows before it; throws {@link BadInput} saying what is wrong. */
    private interface RowCheck {
        void check(int line, Entry entry);
    }

    private static Read read(Path file, SearchSpace space, boolean latencyRequired, RowCheck check) {
        List<Entry> good = new ArrayList<>();
        List<Problem> bad = new ArrayList<>();
        for (CsvFile.Row row : CsvFile.read(file, latencyRequired ? COLUMNS : List.of(KEY))) {
            try {
                Entry entry = entry(row, space, latencyRequired);
                check.check(row.line(), entry);
                good.add(entry);
            } catch (IllegalArgumentException e) {
                bad.add(new Problem(file, row.line(), row.get(KEY), e.getMessage()));
            }
        }
        return new Read(file, List.copyOf(good), List.copyOf(bad));
    }

    private static Entry entry(CsvFile.Row row, SearchSpace space, boolean latencyRequired) {
        String key = row.get(KEY);
        if (key.isEmpty()) {
            throw new BadInput("key is empty");
        }
        Candidate candidate;
        try {
            candidate = candidate(key, space);
        } catch (IllegalArgumentException e) {
            // An unquoted key's training part is split at its commas into cells of their own.
            throw new BadInput("key: " + e.getMessage() + (row.record().isConsistent() ? "" : "; a key with commas "
                    + "must be in double quotes, or left without its training part (|lr=...)"));
        }
        String text = row.get(LATENCY);
        if (text.isEmpty()) {
            if (latencyRequired) {
                throw new BadInput("latency_ms is empty (not measured?)");
            }
            return new Entry(key, candidate, OptionalDouble.empty());
        }
        double ms;
        try {
            ms = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInput("latency_ms '" + text + "' is not a number");
        }
        if (!(ms > 0) || !Double.isFinite(ms)) {
            throw new BadInput("latency_ms must be a positive number of milliseconds, got " + text);
        }
        return new Entry(key, candidate, OptionalDouble.of(ms));
    }
}
