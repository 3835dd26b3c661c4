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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeasuredLatencyTest {

    /** A probe whose inference takes a scripted number of busy-wait microseconds per call. */
    private static final class ScriptedProbe implements InferenceProbe {

        final List<Long> microsPerCall;
        final AtomicInteger calls = new AtomicInteger();
        int closed;

        ScriptedProbe(List<Long> microsPerCall) {
            this.microsPerCall = microsPerCall;
        }

        @Override
        public String backend() {
            return "scripted";
        }

        @Override
        public int threads() {
            return 1;
        }

        @Override
        public Inference prepare(LayerSpec layer) {
            throw new UnsupportedOperationException("this probe times whole candidates");
        }

        @Override
        public Inference prepare(Candidate candidate) {
            return new Inference() {
                @Override
                public void run() {
                    int call = calls.getAndIncrement();
                    long micros = microsPerCall.get(Math.min(call, microsPerCall.size() - 1));
                    long end = System.nanoTime() + micros * 1000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }

    private static final Candidate ANY = Candidate.parse("conv_k3-none-8x1|lr=0.01,bs=32,opt=adam,wd=0");

    @Test
    void warmsUpThenReportsTheMedianAndClosesTheNetwork() {
        List<Long> script = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            script.add(20_000L);            // slow warm-up runs, not counted
        }
        for (int i = 0; i < 20; i++) {
            script.add(i % 2 == 0 ? 1000L : 1200L);
        }
        ScriptedProbe probe = new ScriptedProbe(script);
        Latency latency = new MeasuredLatency(probe, new TimingProtocol(5, 20, 0.5, 1),
                Machine.conditions(1, probe.backend())).latency(ANY);
        assertEquals(25, probe.calls.get());
        assertEquals(1, probe.closed);
        assertEquals(LatencySource.MEASURED, latency.source());
        assertEquals(20, latency.runs());
        assertTrue(latency.medianMs() >= 1.0 && latency.medianMs() < 5.0, "median " + latency.medianMs());
        assertEquals(1, latency.conditions().threads());
    }

    @Test
    void aNoisyTimingIsRepeatedAndTheSteadiestKept() {
        List<Long> script = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            script.add(i % 2 == 0 ? 500L : 5000L);   // first attempt: bimodal, spread far over the limit
        }
        for (int i = 0; i < 8; i++) {
            script.add(2000L);                       // second attempt: steady
        }
        ScriptedProbe probe = new ScriptedProbe(script);
        Timing timing = new TimingProtocol(0, 8, 0.10, 3).measure(probe.prepare(ANY)::run);
        assertEquals(16, probe.calls.get(), "stopped after the steady second attempt");
        assertTrue(timing.relativeSpread() < 0.10, "kept the steady attempt: " + timing);
        assertTrue(timing.medianMs() >= 2.0, "median of the steady attempt: " + timing);
    }
}
