package dev.nas.runs.cli;

import dev.nas.latency.experiment.PredictorCheck;
import dev.nas.runs.export.Format;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency eval}: a saved predictor judged on networks it was not trained on. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reports how well the device's predictor does on networks it was not trained on.",
            "The device's other networks, or a sheet of measured latencies; beside the lookup table it reads."})
final class LatencyEvalCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Measured latencies to judge by, as nas latency import reads them (default: the "
                    + "device's networks the predictor was not trained on).")
    Path csv;

    @Override
    public Integer call() {
        PredictorCheck check = PredictorCheck.run(device.profile(), space.space(), Optional.ofNullable(csv));
        System.out.printf("nas: %s, on %d networks it was not trained on%n", check.predictor(),
                check.unseen().size());
        System.out.print(LatencyCommand.estimates(check.estimates()).write(Format.TABLE));
        return Main.DONE;
    }
}
