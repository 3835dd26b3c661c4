package dev.nas.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Pinned values: a stored study is resumed with the seeds its trials were started with, so these numbers must never
 * change (a change would train a resumed trial, and sample a rebuilt controller's proposals, differently).
 */
class SeedsTest {

    @Test
    void trainingSeedsAreTheOnesEveryStoredStudyWasTrainedWith() {
        assertEquals(2166041127782468827L, Seeds.training(1, 0));
        assertEquals(8598698010826826987L, Seeds.training(1, 1));
        assertEquals(1105764539348386112L, Seeds.training(7, 41));
        assertEquals(1804336722666772810L, Seeds.training(-3, 0));
    }

    @Test
    void samplingStreamsAreTheOnesEveryStoredStudySampledFrom() {
        assertEquals(9006023228739153303L, Seeds.sampling(1, 0).nextLong());
        assertEquals(606, Seeds.sampling(7, 3).nextInt(1000));
        assertEquals(-8028051780004623141L, Seeds.derive(42, 5, 9));
    }
}
