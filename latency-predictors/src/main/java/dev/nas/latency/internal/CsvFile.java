package dev.nas.latency.internal;

import dev.nas.core.io.OwnerOnly;
import dev.nas.space.BadInput;
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
            throw new BadInput("no file at " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Row> rows = new ArrayList<>();
        try (CSVParser csv = format().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text))) {
            List<String> missing = new ArrayList<>(required);
            missing.removeAll(csv.getHeaderNames());
            if (!missing.isEmpty()) {
                throw new BadInput(file + ": the header lacks the column(s) " + missing
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
            throw new BadInput(file + ": not readable as CSV: " + e.getMessage());
        }
        return rows;
    }

    /**
     * Starts {@code file} with its comment lines and header, unless it exists already. Latency files describe a
     * device a search trusts, so they and their folder are private to their owner.
     */
    public static void create(Path file, List<String> comments, List<String> columns) {
        if (Files.exists(file)) {
            return;
        }
        try {
            privateFolder(file);
            OwnerOnly.write(file, text(comments, columns, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void privateFolder(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent.getParent());
        OwnerOnly.folder(parent);
    }

    /**
     * Adds {@code records} to {@code file} all at once: the whole new file is written beside it and renamed into
     * place, so an interrupted import leaves the file as it was (a new file not there at all) or with every record.
     */
    public static void appendAll(Path file, List<String> comments, List<String> columns, List<List<?>> records) {
        try {
            privateFolder(file);
            String start = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                    : text(comments, columns, List.of());
            OwnerOnly.write(file, start + text(List.of(), List.of(), records));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The CSV text of {@code comments} as # lines, a header of {@code columns} (if any) and {@code records}. */
    public static String text(List<String> comments, List<String> columns, List<List<?>> records) {
        StringBuilder text = new StringBuilder();
        CSVFormat.Builder format = format().setHeaderComments(comments.toArray());
        if (!columns.isEmpty()) {
            format.setHeader(columns.toArray(String[]::new));
        }
        try (CSVPrinter printer = format.build().print(text)) {
            printer.printRecords(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
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
