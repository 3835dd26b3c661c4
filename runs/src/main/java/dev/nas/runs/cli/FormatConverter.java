package dev.nas.runs.cli;

import dev.nas.runs.export.Format;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code table}, {@code csv} or {@code json}, in any case. */
final class FormatConverter implements CommandLine.ITypeConverter<Format> {

    @Override
    public Format convert(String value) {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                    + Arrays.stream(Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
