package dev.nas.latency.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.Timing;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.Spaces;
import dev.nas.space.plan.NetworkPlan;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupTableTest {

    @TempDir
    Path directory;

    /** Every layer of the mobile space, each with its own made-up timing, written to and read back from a file. */
    private LookupTable mobileTable(Path file) {
        int i = 0;
        for (LayerKey layer : LayerKey.distinct(Spaces.shipped("mobile"))) {
            LookupTable.append(file, List.of("made up for a test"), layer, new Timing(0.01 + 0.001 * i++, 0.001, 60));
        }
        return LookupTable.read(file);
    }

    @Test
    void aNetworksSumIsTheSumOfItsRowsInTheFile() throws Exception {
        Path file = directory.resolve("layers.csv");
        LookupTable table = mobileTable(file);
        Map<String, Double> fileRows = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
                    .setSkipHeaderRecord(true).get().parse(in)) {
                fileRows.put(record.get("layer"), Double.parseDouble(record.get("median_ms")));
            }
        }
        SearchSpace mobile = Spaces.shipped("mobile");
        // The two identical layers at the end of block 1 count twice; the stem and the head's convolution count too.
        Candidate candidate = Candidate.parse("dwconv_k3-none-16x1/mbconv_k3_e3-identity-24x3/conv_k3-none-40x1/"
                + "dwconv_k5-pool-48x1/mbconv_k5_e6_se0.25-identity-80x1|lr=0.00316,bs=64,opt=adam,wd=1e-4");
        List<String> layers = List.of("conv_k3:none:s2:28x28x1:16", "dwconv_k3:none:s1:14x14x16:16",
                "mbconv_k3_e3:none:s2:14x14x16:24", "mbconv_k3_e3:identity:s1:7x7x24:24",
                "mbconv_k3_e3:identity:s1:7x7x24:24", "conv_k3:none:s1:7x7x24:40", "dwconv_k5:projection:s2:7x7x40:48",
                "mbconv_k5_e6_se0.25:none:s1:4x4x48:80", "conv_k1:none:s1:4x4x80:128");
        double expected = layers.stream().mapToDouble(fileRows::get).sum();
        assertEquals(expected, table.sum(NetworkPlan.of(mobile, candidate)), 1e-12);
        assertEquals(fileRows.size(), table.rows().size());
    }

    @Test
    void aMissingLayerIsNamed() {
        SearchSpace tiny = Spaces.shipped("tiny");
        NetworkPlan plan = NetworkPlan.of(tiny, Candidate.parse("conv_k3-none-8x1/skip-none-16x1"
                + "|lr=0.003,bs=32,opt=adam,wd=0"));
        LookupTable partial = LookupTable.EMPTY.with(LayerKey.parse("conv_k3:none:s2:28x28x1:8"),
                new Timing(0.1, 0, 60));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> partial.sum(plan));
        assertTrue(e.getMessage().contains("conv_k3:none:s2:14x14x8:8"), e.getMessage());
        assertEquals(3, partial.missing(LayerKey.profiled(plan)).size());
    }

    @Test
    void aBadRowIsReportedWithFileAndLine() throws Exception {
        Path file = directory.resolve("bad.csv");
        Files.writeString(file, """
                # a table
                layer,median_ms,iqr_ms,runs
                conv_k3:none:s2:28x28x1:8,0.1,0.01,60
                conv_k3:none:s2:28x28x1:8,0.2,0.01,60
                """);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> LookupTable.read(file));
        assertEquals(file + ":4: layer conv_k3:none:s2:28x28x1:8 appears twice", twice.getMessage());
        Files.writeString(file, "layer,median_ms,iqr_ms,runs\nconv_k3:none:s2:28x28x1:8,fast,0.01,60");
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> LookupTable.read(file));
        assertTrue(word.getMessage().startsWith(file + ":2: median_ms"), word.getMessage());
    }

    @Test
    void theFitRecoversOverheadScaleAndPerLayerTerm() {
        double[] sums = {1.0, 2.0, 2.5, 4.0, 5.5, 7.0};
        int[] layers = {7, 9, 8, 12, 10, 14};
        double[] measured = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            measured[i] = 0.4 + 1.25 * sums[i] - 0.03 * layers[i];
        }
        LutFit fit = LutFit.fit(sums, layers, measured);
        assertEquals(0.4, fit.overheadMs(), 1e-9);
        assertEquals(1.25, fit.scale(), 1e-9);
        assertEquals(-0.03, fit.perLayerMs(), 1e-9);
        assertEquals(0.4 + 1.25 * 3 - 0.03 * 10, fit.latencyMs(3, 10), 1e-9);

        int[] same = {9, 9, 9, 9, 9, 9};
        LutFit depthless = LutFit.fit(sums, same, measured);
        assertEquals(0, depthless.perLayerMs(), "networks of one depth cannot tell the per-layer term apart");
        assertThrows(IllegalArgumentException.class, () -> LutFit.fit(new double[] {1, 2}, new int[] {1, 2},
                new double[] {1, 2}));
    }

    @Test
    void aFittedTablePredictsFromTheSumAndCountOfANetworksLayers() {
        SearchSpace mobile = Spaces.shipped("mobile");
        Map<LayerKey, Timing> rows = new HashMap<>();
        LayerKey.distinct(mobile).forEach(layer -> rows.put(layer, new Timing(0.05 + layer.outChannels() / 1e3, 0,
                60)));
        LookupTable table = new LookupTable(rows);
        List<MeasuredNetwork> networks = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 12; i++) {
            Candidate candidate = mobile.codec().sample(random);
            NetworkPlan plan = NetworkPlan.of(mobile, candidate);
            networks.add(new MeasuredNetwork(candidate, 0.3 + 0.9 * table.sum(plan)
                    - 0.02 * LayerKey.profiled(plan).size()));
        }
        FittedTable fitted = FittedTable.fit(table, mobile, networks);
        for (MeasuredNetwork network : networks) {
            assertEquals(network.latencyMs(), fitted.latencyMs(NetworkPlan.of(mobile, network.candidate())), 1e-9);
        }
        assertEquals(-0.02, fitted.fit().perLayerMs(), 1e-9);
    }
}
