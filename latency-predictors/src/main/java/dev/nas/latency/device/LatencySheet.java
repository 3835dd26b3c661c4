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
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sheet of candidates a user measures on a device nas cannot run on (a phone, a Raspberry Pi): a CSV file with
 * a {@code key} column (candidate keys) and a {@code latency_ms} column, written empty by {@code nas latency sample}
 * and read back, filled in, by {@code nas latency import}. Reading checks every row and reports each bad one with
 * its line; other columns are ignored.
 */
public final class LatencySheet {

    public static final List<String> COLUMNS = List.of("key", "latency_ms");

    private LatencySheet() {
    }

    /** A row that cannot be imported. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** What a sheet holds: the rows that can be imported and the ones that cannot, with why. */
    public record Read(List<MeasuredNetwork> good, List<Problem> bad) {
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
        List<MeasuredNetwork> good = new ArrayList<>();
        List<Problem> bad = new ArrayList<>();
        Map<List<BlockChoice>, Integer> seen = new HashMap<>();
        for (CsvFile.Row row : CsvFile.read(file, COLUMNS)) {
            try {
                MeasuredNetwork measured = row(row, space);
                List<BlockChoice> architecture = measured.candidate().blocks();
                Integer earlier = seen.putIfAbsent(architecture, row.line());
                if (earlier != null) {
                    throw new BadInput("the same architecture as line " + earlier);
                }
                if (known.contains(architecture)) {
                    throw new BadInput("this architecture is measured for the device already");
                }
                good.add(measured);
            } catch (IllegalArgumentException e) {
                bad.add(new Problem(file, row.line(), e.getMessage()));
            }
        }
        return new Read(good, bad);
    }

    private static MeasuredNetwork row(CsvFile.Row row, SearchSpace space) {
        String key = row.get("key");
        if (key.isEmpty()) {
            throw new BadInput("key is empty");
        }
        Candidate candidate;
        try {
            candidate = space.check(Candidate.parse(key));
        } catch (IllegalArgumentException e) {
            throw new BadInput("key: " + e.getMessage());
        }
        String text = row.get("latency_ms");
        if (text.isEmpty()) {
            throw new BadInput("latency_ms is empty (not measured?)");
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
        return new MeasuredNetwork(candidate, ms);
    }
}
