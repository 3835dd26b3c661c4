package dev.nas.latency;

import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.space.Candidate;
import dev.nas.space.plan.LayerSpec;
import java.util.function.LongSupplier;

/**
 * Latency measured on this machine: the candidate's network (or one layer of it, for a lookup table) built by the
 * probe and timed by the protocol, paced by a reference network (see {@link TimingProtocol}) built once and
 * calibrated when this is made. Run it in a process whose thread count is fixed (the search runs it in a child
 * JVM with one OpenMP thread), since batch-1 latency with several threads is bimodal and the count cannot be
 * changed once the native library has loaded; the conditions record the count the backend reports.
 */
public final class MeasuredLatency implements LatencyModel, LayerProfiler, AutoCloseable {

    private final InferenceProbe probe;
    private final TimingProtocol protocol;
    private final LongSupplier nanoTime;
    private final Conditions conditions;
    private final InferenceProbe.Inference referenceNetwork;
    private final TimingProtocol.Reference reference;

    /** Times networks by {@code protocol} paced by {@code reference}'s network, calibrated by {@code calibration}. */
    public MeasuredLatency(InferenceProbe probe, TimingProtocol protocol, TimingProtocol calibration,
                           Candidate reference) {
        this(probe, protocol, calibration, reference, System::nanoTime);
    }

    /** As above, timed by {@code nanoTime}, a clock in nanoseconds. */
    public MeasuredLatency(InferenceProbe probe, TimingProtocol protocol, TimingProtocol calibration,
                           Candidate reference, LongSupplier nanoTime) {
        this.probe = probe;
        this.protocol = protocol;
        this.nanoTime = nanoTime;
        this.conditions = Machine.conditions(probe.threads(), probe.backend());
        this.referenceNetwork = probe.prepare(reference);
        this.reference = TimingProtocol.Reference.calibrate(referenceNetwork::run, calibration, nanoTime);
    }

    public Conditions conditions() {
        return conditions;
    }

    @Override
    public Latency latency(Candidate candidate) {
        try (InferenceProbe.Inference inference = probe.prepare(candidate)) {
            Timing timing = protocol.measure(inference::run, reference, nanoTime);
            return new Latency(timing.medianMs(), timing.iqrMs(), timing.runs(), LatencySource.MEASURED,
                    conditions);
        }
    }

    @Override
    public Timing profile(LayerSpec layer) {
        try (InferenceProbe.Inference inference = probe.prepare(layer)) {
            return protocol.measure(inference::run, reference, nanoTime);
        }
    }

    @Override
    public void close() {
        referenceNetwork.close();
    }
}
