package dev.nas.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Completed;
import dev.nas.core.trial.EpochRecord;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Failed;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.core.trial.Trial;
import dev.nas.space.Candidate;
import dev.nas.space.plan.Cost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CompressionTest {

    private static final Candidate ANY = Candidate.parse("conv_k3-none-8x1|lr=0.01,bs=32,opt=adam,wd=0");

    private static Trial completed(int number, long params, double latencyMs) {
        Evaluation evaluation = new Evaluation(List.of(new EpochRecord(1, 0.5, 0.8, 1)),
                new Latency(latencyMs, 0, 1, LatencySource.MEASURED, Fakes.CONDITIONS), new Cost(params, 1), 1, 1);
        return Trial.start(number, ANY, number, 1, Map.of(), Instant.EPOCH)
                .finish(new Completed(evaluation), Instant.EPOCH);
    }

    @Test
    void ratesAreBeforeOverAfter() {
        // 200,000 -> 50,000 parameters and 8 ms -> 2.5 ms, by hand: rate 4, saving 0.75, speed-up 3.2.
        Compression c = Compression.of(completed(3, 200_000, 8.0), completed(7, 50_000, 2.5));
        assertEquals(3, c.baseline());
        assertEquals(4.0, c.rate(), 1e-12);
        assertEquals(0.75, c.spaceSaving(), 1e-12);
        assertEquals(3.2, c.speedUp(), 1e-12);
    }

    @Test
    void aLargerSlowerModelCompressesBelowOne() {
        Compression c = Compression.of(completed(0, 30_000, 1.0), completed(1, 40_000, 1.6));
        assertEquals(0.75, c.rate(), 1e-12);
        assertEquals(-1.0 / 3, c.spaceSaving(), 1e-12);
        assertEquals(0.625, c.speedUp(), 1e-12);
        assertEquals(0, Compression.of(completed(2, 30_000, 1.0), completed(2, 30_000, 1.0)).spaceSaving(), 0);
    }

    @Test
    void theDefaultBaselineIsTheCompletedTrialWithTheMostParameters() {
        Trial failed = Trial.start(9, ANY, 9, 1, Map.of(), Instant.EPOCH)
                .finish(new Failed("out of memory", List.of()), Instant.EPOCH);
        List<Trial> trials = List.of(completed(0, 10, 1), completed(1, 500, 2), completed(2, 500, 3), failed);
        assertEquals(1, Compression.baseline(trials, OptionalInt.empty()).orElseThrow().number(), "first of equals");
        assertEquals(0, Compression.baseline(trials, OptionalInt.of(0)).orElseThrow().number());
        assertTrue(Compression.baseline(List.of(failed), OptionalInt.empty()).isEmpty());
        IllegalArgumentException notCompleted = assertThrows(IllegalArgumentException.class,
                () -> Compression.baseline(trials, OptionalInt.of(9)));
        assertTrue(notCompleted.getMessage().contains("trial 9 has not completed"), notCompleted.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Compression.baseline(trials, OptionalInt.of(12)));
        assertEquals("baseline: the study has no trial 12", missing.getMessage());
    }
}
