package dev.nas.runs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from data values to pixels, over a domain widened to round tick values (1, 2 or 5 times a power of
 * ten), so that axes start and end on labelled ticks. Written here because the page draws its own SVG: no plotting
 * library to lean on.
 */
record Scale(double low, double high, double from, double to, double step) {

    /** A scale over at least [min, max] mapped onto [from, to] pixels, with about {@code ticks} ticks. */
    static Scale nice(double min, double max, double from, double to, int ticks) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / ticks);
        return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, from, to, step);
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    double map(double value) {
        return from + (value - low) / (high - low) * (to - from);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((high - low) / step);
        for (long i = 0; i <= count; i++) {
            // Rounded to the step's precision so that labels read 0.3, not 0.30000000000000004.
            ticks.add(Math.round((low + i * step) / step * 1e6) / 1e6 * step);
        }
        return ticks;
    }
}
