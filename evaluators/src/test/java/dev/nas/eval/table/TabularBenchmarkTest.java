package dev.nas.eval.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trained;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularBenchmarkTest {

    private static final SearchSpace TINY = Spaces.shipped("tiny");

    private static List<TableRow> rows() {
        List<TableRow> rows = new ArrayList<>();
        for (long i = 0; i < TINY.codec().gridSize(); i++) {
            Optional<Candidate> point = TINY.codec().gridPoint(i);
            if (point.isPresent() && rows.size() < 5) {
                rows.add(new TableRow(point.get(), List.of(0.5 + i / 100.0, 0.6 + i / 100.0, 0.7 + i / 100.0),
                        OptionalDouble.of(1.25 + i), OptionalLong.of(1000 + i), OptionalLong.of(50_000 + i)));
            }
        }
        return rows;
    }

    private static Path write(Path dir, List<TableRow> rows) {
        Path file = dir.resolve("tiny.csv");
        TabularBenchmark.create(file, TINY, 3, List.of("made by a test", "second line"));
        rows.forEach(r -> TabularBenchmark.append(file, TINY, r));
        return file;
    }

    @Test
    void rowsRoundTripWithTheirProvenance(@TempDir Path dir) {
        List<TableRow> rows = rows();
        TabularBenchmark table = TabularBenchmark.read(write(dir, rows), TINY);
        assertEquals(rows, List.copyOf(table.rows()));
        assertEquals(List.of("made by a test", "second line"), table.provenance());
        assertEquals(rows.get(2), table.row(rows.get(2).candidate()).orElseThrow());
    }

    @Test
    void theObjectiveReadsTheEpochsATrialTrainsAndItsLatency(@TempDir Path dir) {
        List<TableRow> rows = rows();
        TableObjective objective = new TableObjective(TabularBenchmark.read(write(dir, rows), TINY));
        TableRow row = rows.get(1);
        List<EpochRecord> reported = new ArrayList<>();
        Trained continued = assertInstanceOf(Trained.class, objective.train(
                new TrainingRequest(3, row.candidate(), Optional.of(new Parent(2, 1)), 2, 1), reported::add, () -> false));
        assertEquals(List.of(2, 3), reported.stream().map(EpochRecord::epoch).toList());
        assertEquals(row.accuracyByEpoch().subList(1, 3),
                continued.epochs().stream().map(EpochRecord::validationAccuracy).toList());
        assertEquals(row.latencyMs().getAsDouble(), objective.latency(row.candidate()).medianMs());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> objective.train(
                new TrainingRequest(4, row.candidate(), 4, 1), e -> { }, () -> false));
        assertTrue(tooLong.getMessage().contains("has 3 epochs"), tooLong.getMessage());
    }

    @Test
    void aCandidateTheTableLacksIsAnErrorThatNamesIt(@TempDir Path dir) {
        List<TableRow> rows = rows();
        TableObjective objective = new TableObjective(TabularBenchmark.read(write(dir, rows.subList(0, 2)), TINY));
        Candidate missing = rows.get(4).candidate();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> objective.train(new TrainingRequest(0, missing, 1, 1), r -> { }, () -> false));
        assertEquals("candidate " + missing.key() + " is not in the table " + dir.resolve("tiny.csv"),
                e.getMessage());
    }

    @Test
    void aBadCellNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = write(dir, rows());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int line = lines.size() - 2;
        lines.set(line, lines.get(line).replaceFirst(",0\\.7\\d*,", ",high,"));
        Files.write(file, lines);
        TabularBenchmark.TableException e = assertThrows(TabularBenchmark.TableException.class,
                () -> TabularBenchmark.read(file, TINY));
        assertTrue(e.getMessage().startsWith(file + ":" + (line + 1) + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("'high' is not a number"), e.getMessage());

        lines.set(line, lines.get(line).replaceFirst("^[a-z]+,", "sepconv,"));
        Files.write(file, lines);
        e = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(file, TINY));
        assertTrue(e.getMessage().contains("blocks[0]."), e.getMessage());
    }
}
