package dev.nas.runs.cli;

import dev.nas.space.BadInput;
import dev.nas.space.LatencySpec;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --engine} option: what a device measured on this machine is timed in. */
final class EngineOption {

    @Option(names = "--engine", paramLabel = "ENGINE", description = "What layers and networks are timed in here: "
            + "dl4j, onnxruntime or onnxruntime-int8 (default: the device's, else the space's, else dl4j). A device "
            + "is timed in one engine throughout.")
    String token;

    Optional<LatencySpec.Engine> engine() {
        return Optional.ofNullable(token).map(t -> LatencySpec.Engine.fromToken(t).orElseThrow(() -> new BadInput(
                "--engine: unknown engine '" + t + "' (expected one of " + LatencySpec.Engine.tokens() + ")")));
    }
}
