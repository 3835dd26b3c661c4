package dev.nas.runs.cli;

import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.runs.latency.WorkerLatency;
import dev.nas.space.LatencySpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency measure}: networks of a space measured whole on this machine. */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures sampled networks of a space whole, on this machine.",
            "One thread, in the latency worker; for the device's predictor and its lookup table's fit.",
            "Architectures measured before are skipped."})
final class LatencyMeasureCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Mixin
    EngineOption engine;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200",
            description = "Networks, each a different architecture (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
    long seed;

    @Override
    public Integer call() {
        DeviceProfile profile = device.profile();
        profile.checkMeasuredHere();
        LatencySpec.Engine timedIn = SearchLatency.engine(profile, space.space(), engine.engine());
        try (WorkerLatency worker = new WorkerLatency(space.source(), timedIn)) {
            profile.measure(LatencySheet.sample(space.space(), n, seed), worker, timedIn, worker.conditions(),
                    System.out::println);
        }
        System.out.printf("nas: device '%s' has %d networks of space '%s' measured whole (%s)%n", profile.name(),
                profile.networks(space.space()).size(), space.space().name(), profile.networksFile());
        return Main.DONE;
    }
}
