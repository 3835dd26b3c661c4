package dev.nas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;
import dev.nas.space.plan.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class MeasuredLatencyTest {

    private static final Candidate NETWORK = Candidate.parse("conv_k3-none-8x1|lr=0.01,bs=32,opt=adam,wd=0");
    private static final Candidate REFERENCE = Candidate.parse("conv_k5-none-16x1|lr=0.01,bs=32,opt=adam,wd=0");
    private static final LayerSpec LAYER = dev.nas.latency.lut.LayerKey.parse("conv_k3:none:s1:8x8x4:8").spec();

    /**
     * A probe on a simulated clock: each network costs a fixed number of microseconds per run, times how slow the
     * machine is at that moment ({@code slowdown} of the clock in microseconds), so that the timing protocol is
     * tested without depending on how busy this machine is.
     */
    private static final class SimulatedProbe implements InferenceProbe {

        final AtomicLong clock = new AtomicLong();
        final Map<Candidate, Long> micros;
        final long layerMicros;
        final LongUnaryOperator slowdown;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        SimulatedProbe(Map<Candidate, Long> micros, long layerMicros, LongUnaryOperator slowdown) {
            this.micros = micros;
            this.layerMicros = layerMicros;
            this.slowdown = slowdown;
        }

        @Override
        public String backend() {
            return "simulated";
        }

        @Override
        public int threads() {
            return 1;
        }

        @Override
        public Inference prepare(Candidate candidate) {
            return inference(micros.get(candidate));
        }

        @Override
        public Inference prepare(LayerSpec layer) {
            return inference(layerMicros);
        }

        long nanos() {
            return 1000 * clock.get();
        }

        private Inference inference(long cost) {
            opened.incrementAndGet();
            return new Inference() {
                @Override
                public void run() {
                    clock.addAndGet(cost * slowdown.applyAsLong(clock.get()));
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    /** Quiet for the first 0.7 s, then three times slower for 0.9 s out of every second: a busy neighbour. */
    private static long busyNeighbour(long micros) {
        return micros < 700_000 || (micros - 700_000) % 1_000_000 >= 900_000 ? 1 : 3;
    }

    @Test
    void pacingByTheReferenceCancelsAMachineThatSlowsDownWhileUnpacedTimingDoesNot() {
        TimingProtocol protocol = new TimingProtocol(10, 10, 30, 0.5, 1);
        SimulatedProbe probe = new SimulatedProbe(Map.of(NETWORK, 1000L, REFERENCE, 2000L), 100,
                MeasuredLatencyTest::busyNeighbour);
        try (MeasuredLatency measured = new MeasuredLatency(probe, protocol, protocol, REFERENCE, probe::nanos)) {
            Latency latency = measured.latency(NETWORK);
            assertEquals(1.0, latency.medianMs(), 0.01, "the network's 1 ms, though most blocks ran 3x slower");
            assertEquals(300, latency.runs());
            assertEquals(LatencySource.MEASURED, latency.source());
            assertEquals(1, latency.conditions().threads());
            assertEquals(0.1, measured.profile(LAYER).medianMs(), 0.001, "a layer is paced the same way");
            assertEquals(2, probe.closed.get(), "the network and the layer built for timing are closed");
        }
        assertEquals(3, probe.closed.get(), "the reference is closed with the measurement");

        SimulatedProbe unpaced = new SimulatedProbe(Map.of(NETWORK, 1000L), 0, MeasuredLatencyTest::busyNeighbour);
        unpaced.clock.set(1_000_000);
        Timing alone = protocol.measure(unpaced.prepare(NETWORK)::run, unpaced::nanos);
        assertTrue(alone.medianMs() > 2, "timed alone in the same conditions: " + alone);
    }

    @Test
    void theReferenceRunsAboutAsLongAsTheOperationInEachBlock() {
        AtomicInteger referenceRuns = new AtomicInteger();
        TimingProtocol protocol = new TimingProtocol(0, 4, 30, 0.5, 1);
        SimulatedProbe probe = new SimulatedProbe(Map.of(NETWORK, 1000L, REFERENCE, 2000L), 100, t -> 1);
        TimingProtocol.Reference reference = new TimingProtocol.Reference(() -> {
            referenceRuns.incrementAndGet();
            probe.clock.addAndGet(2000);
        }, 2.0);
        Timing timing = protocol.measure(probe.prepare(NETWORK)::run, reference, probe::nanos);
        assertEquals(new Timing(1.0, 0, 120), timing);
        assertEquals(4 * 15, referenceRuns.get(), "30 runs of 1 ms against 15 of 2 ms per block");

        referenceRuns.set(0);
        protocol.measure(probe.prepare(LAYER)::run, reference, probe::nanos);
        assertEquals(4 * TimingProtocol.MIN_REFERENCE_RUNS, referenceRuns.get(),
                "a fast layer still gets a few reference runs per block for a stable median");
    }

    @Test
    void warmsUpThenReportsTheMedianAndInterquartileRangeOfEveryRun() {
        List<Long> script = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            script.add(20_000L);            // slow warm-up runs, not counted
        }
        for (int i = 0; i < 20; i++) {
            script.add(i % 2 == 0 ? 1000L : 1200L);
        }
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        Timing timing = new TimingProtocol(5, 2, 10, 0.5, 1).measure(
                () -> clock.addAndGet(1000 * script.get(calls.getAndIncrement())), clock::get);
        assertEquals(25, calls.get());
        assertEquals(1.1, timing.medianMs(), 1e-9, "the median of 1.0 and 1.2 ms runs");
        assertEquals(0.2, timing.iqrMs(), 1e-9, "their interquartile range");
        assertEquals(20, timing.runs());
    }

    @Test
    void aNoisyTimingIsRepeatedAndTheSteadiestKept() {
        List<Long> script = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            script.add(i % 2 == 0 ? 500L : 5000L);   // first attempt: bimodal, spread far over the limit
        }
        for (int i = 0; i < 8; i++) {
            script.add(2000L + i);                   // second attempt: steady
        }
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        Timing timing = new TimingProtocol(0, 1, 8, 0.10, 3).measure(
                () -> clock.addAndGet(1000 * script.get(calls.getAndIncrement())), clock::get);
        assertEquals(16, calls.get(), "stopped after the steady second attempt");
        assertEquals(2.0035, timing.medianMs(), 1e-9, "the median of the steady attempt");
    }
}
