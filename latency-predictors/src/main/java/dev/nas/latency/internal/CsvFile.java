package dev.nas.latency.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files of latency data: {@code #} lines first saying where the figures come from, a header, one record a
 * line. Records are appended one at a time, so that an interrupted profiling loses at most the row in flight.
 */
public final class CsvFile {

    private CsvFile() {
    }

    /** A record and the line of the file it starts on, for messages. */
    public record Row(int line, CSVRecord record) {

        /** The cell of {@code column}, or "" where the record is short of it. */
        public String get(String column) {
            return record.isSet(column) ? record.get(column).strip() : "";
        }
    }

    /** The records of {@code file}; throws naming the file if it lacks one of {@code required}'s columns. */
    public static List<Row> read(Path file, List<String> required) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file at " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Row> rows = new ArrayList<>();
        try (CSVParser csv = format().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text))) {
            List<String> missing = new ArrayList<>(required);
            missing.removeAll(csv.getHeaderNames());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(file + ": the header lacks the column(s) " + missing
                        + " (it has " + csv.getHeaderNames() + ")");
            }
            // Lines are counted here: the parser's own count lags by one on a last line without a line break.
            int line = 1;
            int scanned = 0;
            for (CSVRecord record : csv) {
                for (; scanned < record.getCharacterPosition(); scanned++) {
                    line += text.charAt(scanned) == '\n' ? 1 : 0;
                }
                rows.add(new Row(line, record));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": not readable as CSV: " + e.getMessage());
        }
        return rows;
    }

    /** Starts {@code file} with its comment lines and header, unless it exists already. */
    public static void create(Path file, List<String> comments, List<String> columns) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = format().setHeader(columns.toArray(String[]::new))
                         .setHeaderComments(comments.toArray()).build().print(writer)) {
                printer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void append(Path file, List<?> cells) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
             CSVPrinter printer = format().build().print(writer)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private static CSVFormat.Builder format() {
        return CSVFormat.DEFAULT.builder().setCommentMarker('#').setRecordSeparator('\n')
                .setIgnoreSurroundingSpaces(true);
    }
}
