package dev.nas.runs.cli;

import dev.nas.latency.device.LatencySheet;
import dev.nas.latency.experiment.Prediction;
import dev.nas.latency.experiment.PredictorCheck;
import dev.nas.runs.output.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency predict}: the device's predictor's estimate of every row of a sheet. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts the latency of every network of a sheet with the device's saved predictor.",
            "The sheet needs a key column (the training part, |lr=..., may be left out); a latency_ms column is",
            "copied where filled in. Writes one row per input row: key, latency_ms, predicted_ms."})
final class LatencyPredictCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Mixin
    DeviceOption device;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The networks to predict.")
    Path csv;

    @Mixin
    KeepGoodOption keepGood;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "The predictions to write.")
    Path out;

    @Option(names = "--force", description = "Replace the --out file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        Output predictions = new Output("--out", out, force);
        predictions.checkFile();
        List<LatencySheet.Entry> rows = keepGood.usable(LatencySheet.readKeys(csv, space.space()), "predicted");
        List<Prediction> predicted = PredictorCheck.predict(device.existing().predictor(space.space()), rows);
        predictions.writeFile(o -> o.write(Prediction.csv(predicted).getBytes(StandardCharsets.UTF_8)));
        System.out.printf("nas: wrote %d predictions to %s%n", predicted.size(), out);
        return Main.DONE;
    }
}
