package dev.nas.runs.cli;

import dev.nas.latency.device.LatencySheet;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --keep-good} option of the commands that read a latency sheet: use its good rows despite bad ones. */
final class KeepGoodOption {

    @Option(names = "--keep-good", description = "Use the good rows even if some are bad (each bad row is named).")
    boolean keepGood;

    /** The sheet's rows to use (see {@link LatencySheet.Read#usable}); each one skipped is said on standard error. */
    List<LatencySheet.Entry> usable(LatencySheet.Read read, String purpose) {
        List<LatencySheet.Entry> good = read.usable(keepGood, purpose);
        read.bad().forEach(problem -> System.err.println("nas: skipped " + problem));
        return good;
    }
}
