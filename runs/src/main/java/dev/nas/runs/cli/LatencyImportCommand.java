package dev.nas.runs.cli;

import dev.nas.latency.MeasuredNetwork;
import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.device.LatencySheet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency import}: latencies measured on another device, all rows or none. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports latencies measured on another device.",
            "A CSV sheet with key and latency_ms columns, as nas latency sample writes it; a key may leave out",
            "its training part (|lr=...). Every row is checked;",
            "if any is bad, nothing is imported unless --keep-good is given."})
final class LatencyImportCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Option(names = "--device", paramLabel = "NAME", required = true, description = "The device measured.")
    String name;

    @Option(names = "--devices", paramLabel = "DIR", defaultValue = DeviceProfile.DEFAULT_FOLDER,
            description = "Where device profiles live (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The filled-in sheet.")
    Path csv;

    @Mixin
    KeepGoodOption keepGood;

    @Override
    public Integer call() {
        DeviceProfile profile = DeviceProfile.at(root, name);
        profile.checkImportable();
        LatencySheet.Read read = LatencySheet.read(csv, space.space(), profile.architectures());
        List<MeasuredNetwork> good = keepGood.usable(read, "imported").stream().map(LatencySheet.Entry::measured)
                .toList();
        profile.addImported(good, csv);
        System.out.printf("nas: imported %d of %d rows into device '%s' (%s); it has %d networks of space '%s'%n",
                good.size(), good.size() + read.bad().size(), name, profile.networksFile(),
                profile.networks(space.space()).size(), space.space().name());
        return Main.DONE;
    }
}
