package dev.nas.runs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Named columns and rows of values (numbers, strings, booleans or null), written as text, CSV or JSON. Values keep
 * their type in JSON and full precision in CSV; the text form rounds them for reading.
 */
public record Table(List<String> columns, List<List<Object>> rows) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new BadInput("row " + row + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copies);
    }

    /** This table without the column {@code name}: for text, where a per-row repetition is said once instead. */
    public Table without(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            return this;
        }
        List<String> kept = new ArrayList<>(columns);
        kept.remove(index);
        return new Table(kept, rows.stream().map(row -> {
            List<Object> copy = new ArrayList<>(row);
            copy.remove(index);
            return copy;
        }).toList());
    }

    public String write(Format format) {
        return switch (format) {
            case TABLE -> text();
            case CSV -> csv();
            case JSON -> json();
        };
    }

    private String csv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(columns.toArray(String[]::new)).setRecordSeparator('\n').get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String json() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            objects.add(object);
        }
        try {
            return JSON.writeValueAsString(objects) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text() {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        for (List<Object> row : rows) {
            cells.add(row.stream().map(Table::readable).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                boolean last = i == line.length - 1;
                out.append(last ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String readable(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format("%.1f", d) : String.format("%.4g", d);
        }
        return value.toString();
    }

    /** Convenience for building rows. */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
