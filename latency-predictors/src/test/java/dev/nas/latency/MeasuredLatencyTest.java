package dev.nas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;
import dev.nas.space.plan.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeasuredLatencyTest {

    /**
     * A probe whose inference takes a scripted number of microseconds per call on a scripted clock, so that the
     * timing protocol is tested without depending on how busy the machine is.
     */
    private static final class ScriptedProbe implements InferenceProbe {

        final List<Long> microsPerCall;
        final AtomicLong clock = new AtomicLong();
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
        public Inference prepare(Candidate candidate) {
            return inference();
        }

        @Override
        public Inference prepare(LayerSpec layer) {
            return inference();
        }

        private Inference inference() {
            return new Inference() {
                @Override
                public void run() {
                    int call = calls.getAndIncrement();
                    clock.addAndGet(1000 * microsPerCall.get(Math.min(call, microsPerCall.size() - 1)));
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
        MeasuredLatency measured = new MeasuredLatency(probe, new TimingProtocol(5, 20, 0.5, 1), probe.clock::get);
        Latency latency = measured.latency(ANY);
        assertEquals(25, probe.calls.get());
        assertEquals(1, probe.closed);
        assertEquals(LatencySource.MEASURED, latency.source());
        assertEquals(20, latency.runs());
        assertEquals(1.1, latency.medianMs(), 1e-9, "median of ten 1.0 ms and ten 1.2 ms runs");
        assertEquals(0.2, latency.spreadMs(), 1e-9, "interquartile range");
        assertEquals(1, latency.conditions().threads());
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
        ScriptedProbe probe = new ScriptedProbe(script);
        Timing timing = new TimingProtocol(0, 8, 0.10, 3).measure(probe.prepare(ANY)::run, probe.clock::get);
        assertEquals(16, probe.calls.get(), "stopped after the steady second attempt");
        assertEquals(2.0035, timing.medianMs(), 1e-9, "the median of the steady attempt");
    }

    @Test
    void aLayerIsTimedByTheSameProtocol() {
        ScriptedProbe probe = new ScriptedProbe(List.of(300L));
        Timing timing = new MeasuredLatency(probe, new TimingProtocol(10, 30, 0.1, 2), probe.clock::get)
                .profile(LayerSpecs.ANY);
        assertEquals(40, probe.calls.get());
        assertEquals(new Timing(0.3, 0, 30), timing);
        assertEquals(1, probe.closed);
    }

    private static final class LayerSpecs {
        static final LayerSpec ANY = dev.nas.latency.lut.LayerKey.parse("conv_k3:none:s1:8x8x4:8").spec();
    }
}
