package dev.nas.runs.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --transfer-from} option: the devices whose predictors a new device's predictor transfers from. */
final class TransferOption {

    @Option(names = "--transfer-from", paramLabel = "DEVICE", split = ",",
            description = "Devices (under --devices) whose saved predictors for the space this device's predictor "
                    + "transfers from, so that it learns from as few as 5-10 networks; saved inside it.")
    List<String> devices = List.of();
}
