package dev.nas.latency;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;

/**
 * Latency measured on this machine: the candidate's network built by the probe and timed by the protocol. Run it
 * in a process whose thread count is fixed (the search runs it in a child JVM with one OpenMP thread), since
 * batch-1 latency with several threads is bimodal and the count cannot be changed once the native library loaded.
 */
public final class MeasuredLatency implements LatencyModel {

    private final InferenceProbe probe;
    private final TimingProtocol protocol;
    private final Conditions conditions;

    public MeasuredLatency(InferenceProbe probe, TimingProtocol protocol, Conditions conditions) {
        this.probe = probe;
        this.protocol = protocol;
        this.conditions = conditions;
    }

    @Override
    public Latency latency(Candidate candidate) {
        try (InferenceProbe.Inference inference = probe.prepare(candidate)) {
            Timing timing = protocol.measure(inference::run);
            return new Latency(timing.medianMs(), timing.iqrMs(), timing.runs(), LatencySource.MEASURED,
                    conditions);
        }
    }
}
