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
        assertEquals(sheet + ":3: latency_ms is empty (not measured?)", read.bad().get(0).toString());
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
        assertEquals(List.of(new MeasuredNetwork(c.get(0), 3.25)), read.good());
        List<String> bad = read.bad().stream().map(Object::toString).toList();
        assertEquals(8, bad.size(), String.join("\n", bad));
        assertTrue(bad.get(0).startsWith(sheet + ":4: key: unknown skip 'sideways'"), bad.get(0));
        assertEquals(sheet + ":5: latency_ms is empty (not measured?)", bad.get(1));
        assertEquals(sheet + ":6: latency_ms 'fast' is not a number", bad.get(2));
        assertEquals(sheet + ":7: latency_ms must be a positive number of milliseconds, got -1", bad.get(3));
        assertEquals(sheet + ":8: the same architecture as line 3", bad.get(4));
        assertEquals(sheet + ":9: key: candidate has 1 blocks, space 'tiny' has 2", bad.get(5));
        assertEquals(sheet + ":10: this architecture is measured for the device already", bad.get(6));
        assertEquals(sheet + ":11: latency_ms must be a positive number of milliseconds, got NaN", bad.get(7));
    }

    @Test
    void aSheetWithoutTheColumnsIsRefusedWhole() throws Exception {
        Path sheet = directory.resolve("wrong.csv");
        Files.writeString(sheet, "candidate,ms\nx,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencySheet.read(sheet, tiny, Set.of()));
        assertTrue(e.getMessage().contains("lacks the column(s) [key, latency_ms]"), e.getMessage());
    }

    private static String q(Candidate candidate) {
        return "\"" + candidate.key() + "\"";
    }
}
