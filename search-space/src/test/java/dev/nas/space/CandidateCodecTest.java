package dev.nas.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CandidateCodecTest {

    private final SearchSpace mobile = Spaces.shipped("mobile");
    private final SearchSpace tiny = Spaces.shipped("tiny");

    @Test
    void samplingIsDeterministicGivenASeed() {
        List<String> first = IntStream.range(0, 20).mapToObj(i -> mobile.codec().sample(new SplittableRandom(i)).key())
                .toList();
        List<String> again = IntStream.range(0, 20).mapToObj(i -> mobile.codec().sample(new SplittableRandom(i)).key())
                .toList();
        assertEquals(first, again);
        assertEquals(20, new HashSet<>(first).size(), "different seeds give different candidates");
    }

    @Test
    void sampledValuesStayInTheSpace() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            Candidate c = mobile.codec().sample(rng);
            mobile.check(c);
            double lr = c.training().learningRate();
            assertTrue(lr >= 0.001 && lr <= 0.01, "lr " + lr);
        }
    }

    @Test
    void vectorsRoundTrip() {
        CandidateCodec codec = mobile.codec();
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            Candidate c = codec.sample(rng);
            double[] x = codec.encode(c);
            assertEquals(codec.dimensions().size(), x.length);
            assertEquals(c, codec.decode(x));
            for (double coordinate : x) {
                assertTrue(coordinate >= 0 && Double.isFinite(coordinate));
            }
        }
    }

    @Test
    void vectorNamesTheSearchedDimensionsOnly() {
        List<String> names = tiny.codec().dimensions().stream().map(Dimension::name).toList();
        assertEquals(List.of("blocks[0].op", "blocks[0].kernel", "blocks[0].se", "blocks[0].skip",
                "blocks[0].filters", "blocks[0].layers", "blocks[1].variants", "blocks[1].skip",
                "training.learning_rate"), names);
    }

    @Test
    void decodeClampsAndRounds() {
        CandidateCodec codec = tiny.codec();
        double[] x = new double[codec.dimensions().size()];
        java.util.Arrays.fill(x, 99);
        Candidate c = codec.decode(x);
        assertEquals(LayerOp.of(OpType.MBCONV, 5, 3, 0.25), c.blocks().get(0).op());
        assertEquals(0.01, c.training().learningRate());
    }

    @Test
    void gridVisitsEveryDistinctCandidateOnce() {
        CandidateCodec codec = tiny.codec();
        long size = codec.gridSize();
        assertEquals(3L * 2 * 2 * 2 * 2 * 2 * 3 * 2 * 2, size);
        Set<Candidate> seen = new HashSet<>();
        int duplicates = 0;
        for (long i = 0; i < size; i++) {
            Optional<Candidate> point = codec.gridPoint(i);
            if (point.isPresent()) {
                assertTrue(seen.add(point.get()), "grid point " + i + " repeats " + point.get());
            } else {
                duplicates++;
            }
        }
        // conv and dwconv ignore expansion (fixed here), skip ignores the skip choice: distinct networks only.
        assertEquals(3 * 2 * 2 * 2 * 2 * 2 * (2 * 2 + 1) * 2, seen.size());
        assertEquals(size, seen.size() + duplicates);
    }

    @Test
    void gridNeedsAResolutionForRanges() {
        SearchSpace ungridded = new SearchSpace(tiny.name(), tiny.input(), tiny.classes(), tiny.stem(),
                tiny.blocks(), tiny.head(), new TrainingSpace(new Range(1e-3, 1e-1, true, 0),
                tiny.training().batchSize(), tiny.training().optimizer(), tiny.training().weightDecay(),
                tiny.training().epochs(), tiny.training().schedule()), tiny.objective());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ungridded.codec().gridSize());
        assertTrue(e.getMessage().contains("training.learning_rate"), e.getMessage());
    }

    @Test
    void rangeGridIsEvenOnItsScale() {
        Range range = new Range(0.001, 0.1, true, 3);
        assertEquals(List.of(0.001, 0.01, 0.1), IntStream.range(0, 3).mapToObj(range::gridValue).toList());
        assertArrayEquals(new double[] {0, 0.5, 1},
                IntStream.range(0, 3).mapToDouble(i -> range.encode(range.gridValue(i))).toArray(), 1e-12);
        assertNotEquals(range.sample(new SplittableRandom(1)), range.sample(new SplittableRandom(2)));
    }

    @Test
    void cellsRoundTripAndBadCellsNameTheirDimension() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            Candidate candidate = mobile.codec().sample(rng);
            assertEquals(candidate, mobile.codec().fromCells(mobile.codec().cells(candidate)));
        }
        List<String> cells = new java.util.ArrayList<>(mobile.codec().cells(mobile.codec().sample(rng)));
        int kernel = mobile.codec().dimensions().stream().map(Dimension::name).toList().indexOf("blocks[1].kernel");
        cells.set(kernel, "7");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> mobile.codec().fromCells(cells));
        assertEquals("blocks[1].kernel: '7' is not one of [3, 5]", e.getMessage());
    }
}
