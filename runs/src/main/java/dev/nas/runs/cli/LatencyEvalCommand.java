package dev.nas.runs.cli;

import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.experiment.Prediction;
import dev.nas.latency.experiment.PredictorCheck;
import dev.nas.runs.export.Format;
import dev.nas.runs.output.Output;
import dev.nas.space.BadInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency eval}: a saved predictor judged on networks it was not trained on. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reports how well the device's predictor does on networks it was not trained on.",
            "The device's other networks, or a sheet of measured latencies, less the rows whose architecture",
            "the predictor was trained on; beside the lookup table it reads."})
final class LatencyEvalCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Measured latencies to judge by, as nas latency import reads them (default: the "
                    + "device's networks the predictor was not trained on).")
    Path csv;

    @Mixin
    KeepGoodOption keepGood;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Also write each network's prediction: key, latency_ms (measured), predicted_ms.")
    Path out;

    @Option(names = "--force", description = "Replace the --out file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        if (keepGood.keepGood && csv == null) {
            throw new BadInput("--keep-good needs --csv: the device's own networks have no bad rows to skip");
        }
        Optional<Output> predictions = Optional.ofNullable(out).map(file -> new Output("--out", file, force));
        predictions.ifPresent(Output::checkFile);
        Optional<LatencySheet.Read> sheet = Optional.ofNullable(csv).map(file -> LatencySheet.read(file,
                space.space(), Set.of()));
        PredictorCheck check = PredictorCheck.run(device.existing(), space.space(),
                sheet.map(read -> keepGood.usable(read, "used to judge the predictor")));
        System.out.printf("nas: %s, on %d networks it was not trained on (%d it was trained on left out)%n",
                check.predictor(), check.predictions().size(), check.dropped());
        System.out.print(LatencyCommand.estimates(check.estimates()).write(Format.TABLE));
        predictions.ifPresent(file -> {
            file.writeFile(o -> o.write(Prediction.csv(check.predictions()).getBytes(StandardCharsets.UTF_8)));
            System.out.printf("nas: wrote %d predictions to %s%n", check.predictions().size(), out);
        });
        return Main.DONE;
    }
}
