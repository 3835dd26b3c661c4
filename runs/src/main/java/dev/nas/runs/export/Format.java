package dev.nas.runs.export;

/** How a table is written. */
public enum Format {
    /** Aligned columns for a terminal. */
    TABLE,
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** A JSON array with one object per row. */
    JSON
}
