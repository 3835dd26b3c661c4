package dev.nas.runs.cli;

import dev.nas.core.scoring.Compression;
import dev.nas.core.trial.Trial;
import dev.nas.runs.output.Output;
import dev.nas.runs.report.Report;
import dev.nas.runs.storage.StudySnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a study's report: one self-contained HTML page to open in a browser (from a file, no",
            "network): accuracy against latency with the Pareto front, progress over the budget, which choices",
            "matter, the front with compression against a baseline, settings and provenance."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--out", paramLabel = "HTML", required = true, description = "The page to write.")
    Path out;

    @Option(names = "--force", description = "Replace the page if it exists (never a study's file).")
    boolean force;

    @Option(names = "--baseline", paramLabel = "N",
            description = "Trial to measure compression and speed-up against (default: the largest network).")
    Integer baseline;

    @Override
    public Integer call() throws IOException {
        Output page = new Output("--out", out, force);
        page.checkFile();
        StudySnapshot stored = study.read();
        Optional<Trial> base = Compression.baseline(stored.trials(),
                baseline == null ? OptionalInt.empty() : OptionalInt.of(baseline));
        String html = new Report(stored.where(), stored.spec(), stored.trials(), stored.provenance(),
                stored.workers(), base, Instant.now(), stored.warmStart(), stored.queue()).html();
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        page.writeFile(o -> o.write(bytes));
        System.out.printf("nas: wrote %s (%,d bytes); open it in a browser: file://%s%n", out, bytes.length,
                out.toAbsolutePath());
        return Main.DONE;
    }
}
