package dev.nas.runs.latency;

import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.storage.StudyRefused;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.LatencySource;
import dev.nas.latency.EstimatedLatency;
import dev.nas.latency.Machine;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LayerKey;
import dev.nas.latency.lut.LookupTable;
import dev.nas.runs.storage.LatencyLookup;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.NetworkPlan;
import dev.nas.space.yaml.SpaceSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The latency a search scores candidates by, as its space's {@code objective.latency} says: measured in the
 * latency worker, or predicted from a device's lookup table or learned predictor (its profile under
 * {@code devices}). A study keeps the lookup table and fit it started with in its database, so that all its
 * trials are predicted alike even if the device's profile grows meanwhile; the first start completes the table
 * for the space (layers the device lacks are timed here) and measures networks whole to fit its overhead if the
 * device has too few.
 */
public final class SearchLatency {

    /** Networks measured whole to fit a lookup table's overhead when the device has fewer. */
    public static final int FIT_NETWORKS = 20;

    private SearchLatency() {
    }

    /**
     * Throws, before anything is created, if the space's latency cannot be had: a predictor the device lacks, or a
     * lookup table for a device measured elsewhere (its layers cannot be timed here).
     */
    public static void check(SearchSpace space, Path devices) {
        LatencySpec spec = space.objective().latency();
        DeviceProfile device = DeviceProfile.at(devices, spec.device());
        switch (spec.source()) {
            case MEASURED, ONNXRUNTIME -> { }
            case LUT -> device.checkMeasuredHere();
            case PREDICTOR -> device.predictor(space);
        }
    }

    public static LatencyModel open(SpaceSource source, Path devices, SqlStorage storage, PrintStream out) {
        SearchSpace space = source.space();
        LatencySpec spec = space.objective().latency();
        DeviceProfile device = DeviceProfile.at(devices, spec.device());
        return switch (spec.source()) {
            case MEASURED, ONNXRUNTIME -> {
                String here = Machine.cpu();
                String study = storage.latencyMachine(here);
                if (!study.equals(here)) {
                    throw new StudyRefused("the study " + storage.where() + " measures latency on this kind of "
                            + "machine: " + study + "; this one is " + here + ". Latencies measured on different "
                            + "machines are never mixed: run this worker on a machine like the study's, or search "
                            + "with a lookup table or predictor of one device (objective.latency.source: lut or "
                            + "predictor, with its device) in a new study, which any machine can serve");
                }
                yield new WorkerLatency(source);
            }
            case LUT -> {
                Optional<FittedTable> stored = LatencyLookup.read(storage, device.name());
                FittedTable lookup = stored.isPresent() ? stored.get() : complete(device, source, Optional.empty(),
                        out);
                if (stored.isEmpty()) {
                    LatencyLookup.save(storage, device.name(), lookup);
                }
                out.printf("nas: latency from the lookup table of device '%s': %s%n", device.name(), lookup);
                yield new EstimatedLatency(LatencySource.LOOKUP_TABLE,
                        candidate -> lookup.latencyMs(NetworkPlan.of(space, candidate)), device.conditions());
            }
            case PREDICTOR -> {
                EstimatedLatency predicted = new EstimatedLatency(LatencySource.PREDICTOR,
                        device.predictor(space)::latencyMs, device.conditions());
                out.printf("nas: latency from the predictor of device '%s' (%s)%n", device.name(),
                        device.predictorFile(space));
                yield predicted;
            }
        };
    }

    /**
     * The engine a device's figures are timed in here: {@code requested}, else the one the device was measured in,
     * else the one {@code space} times its candidates in, else DL4J. An engine other than the device's is refused.
     */
    public static LatencySpec.Engine engine(DeviceProfile device, SearchSpace space,
                                            Optional<LatencySpec.Engine> requested) {
        requested.ifPresent(device::checkEngine);
        return requested.or(device::engine).or(() -> space.objective().latency().engine())
                .orElse(LatencySpec.Engine.DL4J);
    }

    /**
     * The device's lookup table for {@code space}, its missing layers timed here in the device's engine, and its
     * fit, with networks measured here first if the device has fewer than {@link #FIT_NETWORKS} of the space.
     */
    public static FittedTable complete(DeviceProfile device, SpaceSource source, Optional<LatencySpec.Engine> requested,
                                       PrintStream out) {
        SearchSpace space = source.space();
        LookupTable table = device.table();
        int missing = table.missing(LayerKey.distinct(space)).size();
        int networks = device.networks(space).size();
        if (missing > 0 || networks < FIT_NETWORKS) {
            LatencySpec.Engine engine = engine(device, space, requested);
            try (WorkerLatency worker = new WorkerLatency(source, engine)) {
                Conditions here = worker.conditions();
                if (missing > 0) {
                    out.printf("nas: timing %d layers of space '%s' for device '%s' in %s, once per device (%s)%n",
                            missing, space.name(), device.name(), engine.token(), device.layersFile());
                    table = device.profile(space, worker, engine, here, line -> out.println("nas: " + line));
                }
                if (networks < FIT_NETWORKS) {
                    out.printf("nas: measuring networks whole to fit the table's overhead (%s)%n",
                            device.networksFile());
                    device.measure(LatencySheet.sample(space, FIT_NETWORKS, 0), worker, engine, here,
                            line -> out.println("nas: " + line));
                }
            }
        }
        return new FittedTable(table.only(LayerKey.distinct(space)), device.fit(space, table).fit());
    }
}
