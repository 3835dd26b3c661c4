package dev.nas.latency.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencySheetTest {

    @TempDir
    Path directory;

    private final SearchSpace tiny = Spaces.shipped("tiny");

    @Test
    void aSampleHasDistinctArchitecturesOfTheSpaceAndBlankLatencies() throws Exception {
        List<Candidate> sample = LatencySheet.sample(tiny, 30, 1);
        assertEquals(30, sample.stream().map(Candidate::blocks).distinct().count());
        sample.forEach(tiny::check);
        Path sheet = directory.resolve("sheet.csv");
        Files.writeString(sheet, LatencySheet.text(List.of("measure these"), sample));
        LatencySheet.Read read = LatencySheet.read(sheet, tiny, Set.of());
        assertEquals(0, read.good().size());
        assertEquals(30, read.bad().size());
        assertEquals(sheet + ":3: latency_ms is empty (not measured?) (key '" + sample.get(0).key() + "')",
                read.bad().get(0).toString());
        assertEquals(LatencySheet.sample(tiny, 30, 1), sample, "seeded");
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> LatencySheet.sample(tiny, 100_000, 1));
        // Block 0: (4 conv + 4 dwconv + 4 mbconv ops) x 2 skips x 2 widths x 2 depths; block 1: skip, or 2 ops x 2
        // skips.
        assertEquals("space 'tiny' has " + (96 * 5) + " architectures, fewer than 100000", tooMany.getMessage());
        assertEquals(96 * 5, LatencySheet.sample(tiny, 96 * 5, 3).size(), "every architecture, each once");
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndTheGoodOnesAreKept() throws Exception {
        List<Candidate> c = LatencySheet.sample(tiny, 6, 2);
        String other = "conv_k3-none-8x1|lr=0.003,bs=32,opt=adam,wd=0";
        Path sheet = directory.resolve("measured.csv");
        Files.writeString(sheet, "# measured on a Raspberry Pi 4\n"
                + "key,latency_ms,note\n"
                + q(c.get(0)) + ",3.25,fine\n"                       // line 3
                + "\"conv_k9-sideways-8x1|lr=0.003\",3.0,\n"          // 4: not a key
                + q(c.get(1)) + ",,forgot\n"                          // 5: empty
                + q(c.get(2)) + ",fast,\n"                            // 6: not a number
                + q(c.get(3)) + ",-1,\n"                              // 7: negative
                + q(c.get(0)) + ",3.3,again\n"                        // 8: repeated architecture
                + "\"" + other + "\",2.0,\n"                          // 9: another space's
                + q(c.get(4)) + ",4.5,\n"                             // 10
                + q(c.get(5)) + ",NaN");                              // 11, no line break at the end
        LatencySheet.Read read = LatencySheet.read(sheet, tiny, Set.of(c.get(4).blocks()));
        assertEquals(List.of(new MeasuredNetwork(c.get(0), 3.25)), read.good().stream()
                .map(LatencySheet.Entry::measured).toList());
        List<String> bad = read.bad().stream().map(Object::toString).toList();
        assertEquals(8, bad.size(), String.join("\n", bad));
        assertTrue(bad.get(0).startsWith(sheet + ":4: key: unknown skip 'sideways'"), bad.get(0));
        assertEquals(sheet + ":5: latency_ms is empty (not measured?)" + k(c.get(1)), bad.get(1));
        assertEquals(sheet + ":6: latency_ms 'fast' is not a number" + k(c.get(2)), bad.get(2));
        assertEquals(sheet + ":7: latency_ms must be a positive number of milliseconds, got -1" + k(c.get(3)),
                bad.get(3));
        assertEquals(sheet + ":8: the same architecture as line 3" + k(c.get(0)), bad.get(4));
        assertEquals(sheet + ":9: key: candidate has 1 blocks, space 'tiny' has 2 (key '" + other + "')", bad.get(5));
        assertEquals(sheet + ":10: this architecture is measured for the device already" + k(c.get(4)), bad.get(6));
        assertEquals(sheet + ":11: latency_ms must be a positive number of milliseconds, got NaN" + k(c.get(5)),
                bad.get(7));
    }

    @Test
    void aSheetWithoutTheColumnsIsRefusedWhole() throws Exception {
        Path sheet = directory.resolve("wrong.csv");
        Files.writeString(sheet, "candidate,ms\nx,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencySheet.read(sheet, tiny, Set.of()));
        assertTrue(e.getMessage().contains("lacks the column(s) [key, latency_ms]"), e.getMessage());
    }

    @Test
    void aKeyMayLeaveOutTheTrainingPartAndAQuotedKeyMayHoldCommas() throws Exception {
        List<Candidate> c = LatencySheet.sample(tiny, 3, 4);
        String architecture = c.get(0).key().substring(0, c.get(0).key().indexOf('|'));
        Path sheet = directory.resolve("keys.csv");
        Files.writeString(sheet, "key,latency_ms\n"
                + architecture + ",2.5\n"                                // 2: the architecture alone
                + q(c.get(1)) + ",3.0\n"                                 // 3: the whole key, quoted
                + c.get(2).key() + ",3.5\n");                            // 4: the whole key, unquoted: split
        LatencySheet.Read read = LatencySheet.read(sheet, tiny, Set.of());
        assertEquals(2, read.good().size(), read.bad().toString());
        LatencySheet.Entry alone = read.good().get(0);
        assertEquals(architecture, alone.key(), "the key as written");
        assertEquals(c.get(0).blocks(), alone.candidate().blocks());
        assertEquals(tiny.check(alone.candidate()), alone.candidate(), "completed with training of the space");
        assertEquals(new MeasuredNetwork(c.get(1), 3.0), read.good().get(1).measured());
        assertEquals(1, read.bad().size());
        assertTrue(read.bad().get(0).toString().startsWith(sheet + ":4: key: "), read.bad().toString());
        assertTrue(read.bad().get(0).toString().contains("a key with commas must be in double quotes"),
                read.bad().toString());
    }

    @Test
    void aSheetToPredictMayLackLatenciesAndRepeatArchitectures() throws Exception {
        List<Candidate> c = LatencySheet.sample(tiny, 2, 5);
        Path sheet = directory.resolve("predict.csv");
        Files.writeString(sheet, "key\n" + q(c.get(0)) + "\n" + q(c.get(1)) + "\n" + q(c.get(0)) + "\n");
        LatencySheet.Read read = LatencySheet.readKeys(sheet, tiny);
        assertEquals(List.of(), read.bad());
        assertEquals(List.of(c.get(0), c.get(1), c.get(0)), read.good().stream().map(LatencySheet.Entry::candidate)
                .toList());
        assertTrue(read.good().stream().allMatch(e -> e.latencyMs().isEmpty()));
    }

    @Test
    void badRowsAreRefusedUnlessToldToKeepTheGoodOnes() throws Exception {
        List<Candidate> c = LatencySheet.sample(tiny, 2, 6);
        Path sheet = directory.resolve("half.csv");
        Files.writeString(sheet, "key,latency_ms\n" + q(c.get(0)) + ",1.5\n" + q(c.get(1)) + ",slow\n");
        LatencySheet.Read read = LatencySheet.read(sheet, tiny, Set.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read.usable(false, "imported"));
        assertEquals("1 of 2 rows of " + sheet + " cannot be imported:\n  " + sheet + ":3: latency_ms 'slow' is not a "
                + "number" + k(c.get(1)) + "\nFix them, or give --keep-good to keep the 1 good rows.",
                refused.getMessage());
        assertEquals(read.good(), read.usable(true, "imported"));
    }

    private static String k(Candidate candidate) {
        return " (key '" + candidate.key() + "')";
    }

    private static String q(Candidate candidate) {
        return "\"" + candidate.key() + "\"";
    }
}
