package dev.nas.runs.cli;

import dev.nas.latency.device.DeviceProfile;
import dev.nas.space.LatencySpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --device} and {@code --devices} options: which device profile, and where profiles live. */
final class DeviceOption {

    @Option(names = "--device", paramLabel = "NAME", defaultValue = LatencySpec.LOCAL,
            description = "The device: its profile is DEVICES/NAME/ (default: ${DEFAULT-VALUE}, this machine).")
    String name;

    @Option(names = "--devices", paramLabel = "DIR", defaultValue = DeviceProfile.DEFAULT_FOLDER,
            description = "Where device profiles live (default: ${DEFAULT-VALUE}, as searches look for them).")
    Path root;

    DeviceProfile profile() {
        return DeviceProfile.at(root, name);
    }

    /** The profile of a device that must exist already: a mistyped name is answered with the devices there. */
    DeviceProfile existing() {
        return profile().existing();
    }
}
