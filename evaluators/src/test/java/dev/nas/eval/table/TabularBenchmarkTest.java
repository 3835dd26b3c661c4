package dev.nas.eval.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.TrainingRequest;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Parent;
import dev.nas.core.trial.Trained;
import dev.nas.space.Candidate;
import dev.nas.space.Epochs;
import dev.nas.space.LatencyConstraint;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularBenchmarkTest {

    private static final SearchSpace TINY = Spaces.shipped("tiny");

    private static List<TableRow> rows() {
        List<TableRow> rows = new ArrayList<>();
        for (long i = 0; i < TINY.codec().gridSize(); i++) {
            Optional<Candidate> point = TINY.codec().gridPoint(i);
            if (point.isPresent() && rows.size() < 5) {
                rows.add(TableRow.ofOneRun(point.get(), List.of(0.5 + i / 100.0, 0.6 + i / 100.0, 0.7 + i / 100.0),
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
    void rowsRoundTripWithTheirProvenance(@TempDir Path dir) throws Exception {
        List<TableRow> rows = rows();
        TabularBenchmark table = TabularBenchmark.read(write(dir, rows), TINY);
        assertEquals(rows, List.copyOf(table.rows()));
        assertEquals(List.of("made by a test", "second line"), table.provenance());
        String text = Files.readString(dir.resolve("tiny.csv"));
        assertTrue(text.contains(",skip,") || text.contains(",dwconv_k3,") || text.contains(",mbconv_k3_e3_se,"),
                "layer variants by their tokens:\n" + text);
        assertFalse(text.contains("LayerOp["), text);
        assertEquals(rows.get(2), table.row(rows.get(2).candidate()).orElseThrow());
    }

    @Test
    void theObjectiveReadsTheEpochsATrialTrainsAndItsLatency(@TempDir Path dir) {
        List<TableRow> rows = rows();
        TableObjective objective = new TableObjective(TabularBenchmark.read(write(dir, rows), TINY));
        TableRow row = rows.get(1);
        List<EpochRecord> reported = new ArrayList<>();
        Trained continued = assertInstanceOf(Trained.class, objective.train(
                new TrainingRequest(3, row.candidate(), Optional.of(new Parent(2, 1)), 2, 1), reported::add,
                () -> false));
        assertEquals(List.of(2, 3), reported.stream().map(EpochRecord::epoch).toList());
        assertEquals(row.accuracyByEpoch().subList(1, 3),
                continued.epochs().stream().map(EpochRecord::validationAccuracy).toList());
        assertEquals(row.latencyMs().getAsDouble(), objective.latency(row.candidate()).medianMs());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> objective.train(
                new TrainingRequest(4, row.candidate(), 4, 1), e -> { }, () -> false));
        assertTrue(tooLong.getMessage().contains("has 3 epochs"), tooLong.getMessage());
    }

    /**
     * A column the space's objectives name is read into every row, handed to each trial by the objective, and scores
     * the table's candidates; a table without it, or with a cell that is not a number, names the file, line and
     * column.
     */
    @Test
    void anObjectiveColumnIsReadAndGivenToEachTrial(@TempDir Path dir) throws Exception {
        Objective energy = new Objective.Column("energy_mj", false, "mJ");
        SearchSpace space = new SearchSpace(TINY.name(), TINY.input(), TINY.classes(), TINY.stem(), TINY.blocks(),
                TINY.head(), TINY.training(), new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, -0.07,
                List.of(Objective.ACCURACY, energy)));
        Path file = write(dir, rows());
        String missing = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(file, space))
                .getMessage();
        assertTrue(missing.startsWith(file + ":3: the header lacks the column(s) [energy_mj]"), missing);
        assertTrue(missing.contains("its objectives name [energy_mj]"), missing);

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2) + ",energy_mj");
        for (int i = 3; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + "," + (i * 0.25));
        }
        Files.write(file, lines);
        TabularBenchmark table = TabularBenchmark.read(file, space);
        List<TableRow> rows = List.copyOf(table.rows());
        assertEquals(Map.of("energy_mj", 0.75), rows.get(0).columns());
        Trained trained = assertInstanceOf(Trained.class, new TableObjective(table).train(
                new TrainingRequest(0, rows.get(1).candidate(), 3, 1), e -> { }, () -> false));
        assertEquals(Map.of("energy_mj", 1.0), trained.measures());
        assertEquals(List.of(0.75, 1.0, 1.25, 1.5, 1.75), table.scores(space, 3).stream()
                .map(s -> s.value(energy)).toList());
        assertEquals(Cost.of(NetworkPlan.of(space, rows.get(0).candidate())).macs(),
                table.scores(space, 3).get(0).macs(), "costs from the plan, as a search counts its trials'");

        lines.set(4, lines.get(4).replaceFirst(",1\\.0$", ",lots"));
        Files.write(file, lines);
        String bad = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(file, space))
                .getMessage();
        assertEquals(file + ":5: energy_mj: 'lots' is not a number", bad);
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

    /** Replaces the first match of {@code regex} in the last row and returns the table's error. */
    private static String refusal(Path file, String regex, String replacement) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int last = lines.size() - 1;
        String changed = lines.get(last).replaceFirst(regex, replacement);
        assertTrue(!changed.equals(lines.get(last)), regex);
        lines.set(last, changed);
        Path bad = file.resolveSibling("bad.csv");
        Files.write(bad, lines);
        String message = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(bad, TINY))
                .getMessage();
        assertTrue(message.startsWith(bad + ":" + (last + 1) + ": "), message);
        return message;
    }

    @Test
    void nonsenseNeverBecomesAResult(@TempDir Path dir) throws Exception {
        Path file = write(dir, rows());
        // accuracy, latency_ms, params, flops, accuracy_epoch_1..3, key: the row's cells after the dimensions
        String scores = ",0\\.7\\d*,(1?\\d\\.25),(100\\d),(5000\\d),";
        for (String accuracy : List.of("NaN", "Infinity", "-0.1", "85.3")) {
            String message = refusal(file, scores, "," + accuracy + ",$1,$2,$3,");
            assertTrue(message.contains("accuracy: "), message);
        }
        assertTrue(refusal(file, ",(0\\.5\\d*),(0\\.6\\d*),", ",$1,1.5,").contains("accuracy_epoch_2: "));
        for (String latency : List.of("0", "-2", "NaN", "Infinity", "fast")) {
            String message = refusal(file, ",(1?\\d\\.25),", "," + latency + ",");
            assertTrue(message.contains("latency_ms: "), message);
        }
        assertTrue(refusal(file, ",(100\\d),", ",-5,").contains("params: '-5' is not a count"));
        assertTrue(refusal(file, ",(5000\\d),", ",1e99,").contains("flops: '1e99' is not a count"));
        assertTrue(refusal(file, ",(0\\.5\\d*),", ",").contains("the row has "));
    }

    @Test
    void aTableWithoutRowsAGapInItsEpochsOrNoFileIsRefused(@TempDir Path dir) throws Exception {
        Path empty = write(dir, List.of());
        TabularBenchmark headerOnly = TabularBenchmark.read(empty, TINY);
        assertEquals(empty + ": the table has no rows; it needs one per candidate", assertThrows(
                TabularBenchmark.TableException.class, () -> headerOnly.checkServes(new Epochs(1, 1))).getMessage());

        Path file = write(dir.resolve("..").resolve(dir.getFileName()), rows());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int header = (int) lines.stream().takeWhile(l -> l.startsWith("#")).count();
        lines.set(header, lines.get(header).replace("accuracy_epoch_2", "accuracy_epoch_4"));
        Files.write(file, lines);
        String gap = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(file, TINY))
                .getMessage();
        assertTrue(gap.contains("are not accuracy_epoch_1 to accuracy_epoch_3 without gaps"), gap);

        Path none = dir.resolve("none.csv");
        assertEquals(none + ": no such table file", assertThrows(TabularBenchmark.TableException.class,
                () -> TabularBenchmark.read(none, TINY)).getMessage());
    }

    @Test
    void aSearchNeedingMoreEpochsThanTheTableHasIsRefusedBeforeItStarts(@TempDir Path dir) {
        TabularBenchmark table = TabularBenchmark.read(write(dir, rows()), TINY);
        assertEquals(3, table.epochs());
        table.checkServes(new Epochs(1, 3));
        String message = assertThrows(TabularBenchmark.TableException.class,
                () -> table.checkServes(new Epochs(1, 9))).getMessage();
        assertEquals(dir.resolve("tiny.csv") + ": the table has accuracies for 3 epoch(s) per candidate, the search "
                + "trains up to 9; give training.epochs at most 3", message);
    }

    @Test
    void aTableWithLatenciesForSomeCandidatesOnlyIsRefusedBeforeASearchStarts(@TempDir Path dir) {
        List<TableRow> rows = new ArrayList<>(rows());
        TableRow second = rows.get(1);
        rows.set(1, TableRow.ofOneRun(second.candidate(), second.accuracyByEpoch(), OptionalDouble.empty(),
                second.params(), second.flops()));
        TabularBenchmark table = TabularBenchmark.read(write(dir, rows), TINY);
        String message = assertThrows(TabularBenchmark.TableException.class,
                () -> table.checkServes(new Epochs(1, 3))).getMessage();
        assertTrue(message.startsWith(dir.resolve("tiny.csv") + ": 1 of 5 rows have no latency_ms (the first: "
                + second.candidate().key() + ")"), message);
    }

    @Test
    void aTableWithoutAnyLatencyServesASearchWhoseCandidatesHaveNone(@TempDir Path dir) throws Exception {
        List<TableRow> rows = rows().stream().map(r -> TableRow.ofOneRun(r.candidate(), r.accuracyByEpoch(),
                OptionalDouble.empty(), r.params(), r.flops())).toList();
        TabularBenchmark table = TabularBenchmark.read(write(dir, rows), TINY);
        table.checkServes(new Epochs(1, 3));
        assertFalse(table.timed());
        assertFalse(new TableObjective(table).latency(rows.get(0).candidate()).known());
        assertTrue(TabularBenchmark.read(write(Files.createDirectories(dir.resolve("timed")), rows()), TINY).timed());
    }
    /** Tiny's first rows, each trained three times: run R's accuracies are R tenths above run 1's. */
    private static Path writeNoisy(Path dir) {
        Path file = dir.resolve("noisy.csv");
        TabularBenchmark.create(file, TINY, 3, 3, List.of("three runs per candidate"));
        for (TableRow row : rows()) {
            List<List<Double>> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                double up = r / 10.0;
                runs.add(row.accuracyByEpoch().stream().map(a -> a - 0.3 + up).toList());
            }
            TabularBenchmark.append(file, TINY, new TableRow(row.candidate(), runs, row.latencyMs(), row.params(),
                    row.flops()));
        }
        return file;
    }

    private static int drawn(TableObjective objective, TableRow row, long seed) {
        Trained trained = (Trained) objective.train(new TrainingRequest(1, row.candidate(), 3, seed), e -> { },
                () -> false);
        List<Double> accuracies = trained.epochs().stream().map(EpochRecord::validationAccuracy).toList();
        return row.runs().indexOf(accuracies);
    }

    @Test
    void aTrainingDrawsOneOfSeveralRunsReproduciblyFromItsSeed(@TempDir Path dir) throws Exception {
        Path file = writeNoisy(dir);
        String header = Files.readAllLines(file).get(1);
        assertTrue(header.contains(",accuracy_run_1,accuracy_run_2,accuracy_run_3,latency_ms,")
                && header.contains(",accuracy_run_3_epoch_3,key") && !header.contains(",accuracy,"), header);
        TabularBenchmark table = TabularBenchmark.read(file, TINY);
        assertEquals(3, table.runs());
        assertEquals(3, table.epochs());
        TableRow row = table.rows().iterator().next();
        assertEquals(3, row.runs().size());
        assertEquals(row.runs().get(0), row.accuracyByEpoch());
        assertEquals(5 * 3, table.scores(TINY, 3).size(), "one score per row and run");

        TableObjective objective = new TableObjective(table);
        List<Integer> bySeed = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            int run = drawn(objective, row, seed);
            assertEquals(run, drawn(new TableObjective(TabularBenchmark.read(file, TINY)), row, seed),
                    "the same seed draws the same run, in another objective too");
            bySeed.add(run);
        }
        assertEquals(List.of(2, 1, 2, 1, 0, 1, 1, 1), bySeed, "golden: the runs seeds 1 to 8 draw");

        TableObjective oneRun = new TableObjective(TabularBenchmark.read(write(dir, rows()), TINY));
        TableRow plain = rows().get(0);
        assertEquals(0, drawn(oneRun, plain, 1));
        assertEquals(0, drawn(oneRun, plain, 2), "a table of one run gives it to every seed");
    }

    /** The noisy table with its header line changed by {@code edit}; returns the error reading it. */
    private static String malformed(Path dir, UnaryOperator<String> edit) throws Exception {
        Path file = writeNoisy(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, edit.apply(lines.get(1)));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        String message = assertThrows(TabularBenchmark.TableException.class, () -> TabularBenchmark.read(bad, TINY))
                .getMessage();
        assertTrue(message.startsWith(bad + ":2: "), "file and the header's line: " + message);
        Files.delete(file);
        return message;
    }

    @Test
    void malformedRunColumnsNameTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_2,", "accuracy_run_5,"))
                .contains("accuracy_run_5: the run columns [accuracy_run_1, accuracy_run_5, accuracy_run_3] are not "
                        + "accuracy_run_1 to accuracy_run_3 without gaps"));
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_1,", "accuracy,"))
                .contains(":2: accuracy: a table with accuracy_run_R columns gives each run's accuracies there"));
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_2_epoch_1,", "accuracy_epoch_1,"))
                .contains(":2: accuracy_epoch_1: a table with accuracy_run_R columns"));
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_2_epoch_3,", "accuracy_run_2_epoch_4,"))
                .contains(":2: accuracy_run_2_epoch_4: the epoch columns of accuracy_run_2 "));
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_2_epoch_3,", ""))
                .contains(":2: accuracy_run_2: the run has 2 epoch columns, accuracy_run_1 has 3"));
        assertTrue(malformed(dir, h -> h.replace(",key", ",accuracy_run_4_epoch_1,key"))
                .contains(":2: accuracy_run_4_epoch_1: not a column of runs accuracy_run_1 to 3"));
        assertTrue(malformed(dir, h -> h.replace("accuracy_run_1,accuracy_run_2,accuracy_run_3,", "x,y,z,"))
                .contains(":2: accuracy_run_1_epoch_1: a run's epoch columns need the run's accuracy_run_R column"));
    }
}
