package dev.nas.eval.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The loader serves each batch's own images and labels, in the order asked, transformed in that order. */
class BatchesTest {

    private static final ImageSet IMAGES = Dataset.embedded().train().head(100);

    @Test
    void batchesMadeAheadArriveInTheGivenOrderEachWithItsOwnImagesLabelsAndTransform() {
        int[] order = {3, 0, 2, 1};
        List<Integer> transformed = new ArrayList<>();
        List<DataSet> served = new ArrayList<>();
        // Every batch is taken before any is used: batches made ahead must not share memory.
        try (Batches.Epoch epoch = new Batches(4).epoch(IMAGES, 32, 10, order, (features, count) -> {
            features[0] = transformed.size();
            transformed.add(count);
        })) {
            while (epoch.hasNext()) {
                served.add(epoch.next());
            }
        }
        assertEquals(List.of(4, 32, 32, 32), transformed, "transformed in the order served (batch 3 holds 4)");
        for (int i = 0; i < order.length; i++) {
            int start = order[i] * 32;
            int count = Math.min(32, IMAGES.size() - start);
            float[] expected = Batches.features(IMAGES, start, count).data().asFloat();
            expected[0] = i;
            float[] actual = served.get(i).getFeatures().data().asFloat();
            assertEquals(expected.length, actual.length);
            for (int v = 0; v < expected.length; v++) {
                assertEquals(expected[v], actual[v], "batch " + order[i] + ", value " + v);
            }
            for (int image = 0; image < count; image++) {
                assertEquals(IMAGES.label(start + image), served.get(i).getLabels().getRow(image).argMax()
                        .getInt(0));
            }
        }
        try (Batches.Epoch validation = new Batches(1).inOrder(IMAGES, 1000, 10)) {
            assertEquals(100, validation.next().numExamples(), "one batch holds all 100");
            assertFalse(validation.hasNext());
        }
    }
}
