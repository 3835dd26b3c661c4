package dev.nas.runs.cli;

import dev.nas.latency.device.LatencySheet;
import dev.nas.runs.output.Output;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas latency sample}: a sheet of candidates to measure on another device. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a sheet of candidates to measure on another device.",
            "A CSV file of candidate keys with an empty latency_ms column: fill it in (batch-1 latency in ms)",
            "on the device and import it."})
final class LatencySampleCommand implements Callable<Integer> {

    @Mixin
    SpaceOption space;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200",
            description = "Candidates, each a different architecture (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "The sheet to write.")
    Path out;

    @Option(names = "--force", description = "Replace the sheet if it exists.")
    boolean force;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Sampling seed.")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (n < 1) {
            throw new BadInput("--n must be positive, got " + n);
        }
        Output sheet = new Output("--out", out, force);
        sheet.checkFile();
        String text = LatencySheet.text(List.of(
                n + " candidates of " + space.file + " (seed " + seed + "), made " + Instant.now(),
                "Measure each network's batch-1 inference latency on the device, in milliseconds (the median of",
                "repeated runs after warm-up), fill in latency_ms, and import the sheet:",
                "  java -jar nas.jar latency import --space " + space.file + " --device NAME --csv " + out),
                LatencySheet.sample(space.space(), n, seed));
        sheet.writeFile(o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        System.out.printf("nas: wrote %d candidates to %s%n", n, out);
        return Main.DONE;
    }
}
