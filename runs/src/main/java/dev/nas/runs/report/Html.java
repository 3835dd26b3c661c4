package dev.nas.runs.report;

import dev.nas.runs.export.StudyStatus;
import java.util.Locale;

/** Escaping and the number formats the page shows. */
final class Html {

    private Html() {
    }

    /** Text safe inside an element or a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String ms(double milliseconds) {
        return String.format(Locale.ROOT, milliseconds < 10 ? "%.2f ms" : "%.1f ms", milliseconds);
    }

    static String count(long value) {
        return StudyStatus.count(value);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A tick label: as few decimals as the step needs. */
    static String tick(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return fixed(value, decimals);
    }
}
