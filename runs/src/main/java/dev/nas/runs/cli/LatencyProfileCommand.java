package dev.nas.runs.cli;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.PredictionReport;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.lut.FittedTable;
import dev.nas.runs.latency.SearchLatency;
import dev.nas.space.plan.NetworkPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nas latency profile}: a device's lookup table completed on this machine. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Completes the device's lookup table for a space, on this machine.",
            "Every distinct layer configuration the table lacks is timed alone, once; networks are measured",
            "whole to fit its overhead if the device has fewer than " + SearchLatency.FIT_NETWORKS + "."})
final class LatencyProfileCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() {
        DeviceProfile profile = device.profile();
        profile.checkMeasuredHere();
        FittedTable lookup = SearchLatency.complete(profile, space.source(), engine.engine(),
                System.out);
        List<MeasuredNetwork> networks = profile.networks(space.space());
        double[] predicted = networks.stream().mapToDouble(n -> lookup.latencyMs(NetworkPlan.of(space.space(),
                n.candidate()))).toArray();
        System.out.printf("nas: lookup table of device '%s' for space '%s' (%s): %s%n", profile.name(),
                space.space().name(), profile.layersFile(), lookup);
        System.out.printf("nas: on the networks it was fitted to: %s%n", PredictionReport.of(
                networks.stream().mapToDouble(MeasuredNetwork::latencyMs).toArray(), predicted));
        return Main.DONE;
    }
}
