package dev.nas.runs.export;

import dev.nas.space.BadInput;
import java.nio.file.Path;
import java.util.Locale;

/** How a table is written. */
public enum Format {
    /** Aligned columns for a terminal. */
    TABLE,
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** A JSON array with one object per row. */
    JSON;

    /** CSV or JSON, as {@code file}'s extension says; {@code option} names where the file was given. */
    public static Format ofFile(Path file, String option) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        throw new BadInput(option + ": " + file + " ends in neither .csv nor .json, which say the format");
    }
}
