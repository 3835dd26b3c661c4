package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceSource;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The latency CLI tests' sheets: networks of the tiny space sampled by the CLI, and latencies made up for them. */
final class LatencySheets {

    static final Path TINY_FILE = Path.of("..", "spaces", "tiny.yaml").toAbsolutePath().normalize();
    static final String TINY = TINY_FILE.toString();

    private LatencySheets() {
    }

    static SearchSpace tinySpace() {
        return SpaceSource.read(TINY_FILE).space();
    }

    /** The keys of {@code n} networks that {@code latency sample} writes to {@code directory}/sheet.csv. */
    static List<String> sampledKeys(Path directory, int n) throws Exception {
        Cli.Result sample = Cli.run(directory, "latency", "sample", "--space", TINY, "--n", Integer.toString(n),
                "--out", "sheet.csv");
        assertEquals(0, sample.exitCode(), sample.toString());
        return csv(directory.resolve("sheet.csv")).stream().map(r -> r.get("key")).toList();
    }

    /** Writes a sheet to import: a {@code key,latency_ms} header, then {@code rows} as written. */
    static void write(Path file, List<String> rows) throws Exception {
        Files.writeString(file, "key,latency_ms\n" + String.join("\n", rows) + "\n");
    }

    /** The records of a CSV file with a header, # lines skipped. */
    static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).build()
                    .parse(reader).getRecords();
        }
    }
}
