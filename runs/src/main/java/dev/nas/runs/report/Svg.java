package dev.nas.runs.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * An SVG drawing built element by element, with a plot area inside margins for axes. Styling is left to the page's
 * CSS through class names, so that every chart looks alike.
 */
final class Svg {

    static final double LEFT = 64;
    static final double RIGHT = 18;
    static final double TOP = 14;
    static final double BOTTOM = 46;

    private final double width;
    private final double height;
    private final StringBuilder body = new StringBuilder();

    Svg(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** Pixels of the plot area, left to right. */
    double plotLeft() {
        return LEFT;
    }

    double plotRight() {
        return width - RIGHT;
    }

    /** Pixels of the plot area, bottom to top (SVG's y grows downwards). */
    double plotBottom() {
        return height - BOTTOM;
    }

    double plotTop() {
        return TOP;
    }

    /** Grid lines, tick labels and axis titles for two scales made for this drawing's plot area. */
    Svg axes(Scale x, Scale y, String xTitle, String yTitle, DoubleFunction<String> yLabel) {
        for (double tick : x.ticks()) {
            double px = x.map(tick);
            line(px, plotTop(), px, plotBottom(), "grid");
            text(px, plotBottom() + 16, Html.tick(tick, x.step()), "tick", "middle");
        }
        for (double tick : y.ticks()) {
            double py = y.map(tick);
            line(plotLeft(), py, plotRight(), py, "grid");
            text(plotLeft() - 6, py + 4, yLabel.apply(tick), "tick", "end");
        }
        line(plotLeft(), plotBottom(), plotRight(), plotBottom(), "axis");
        line(plotLeft(), plotTop(), plotLeft(), plotBottom(), "axis");
        text((plotLeft() + plotRight()) / 2, height - 8, xTitle, "axis-title", "middle");
        body.append(String.format(Locale.ROOT,
                "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14 %.1f) rotate(-90)\">"
                        + "%s</text>",
                (plotTop() + plotBottom()) / 2, Html.escape(yTitle)));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        body.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cls, x1, y1, x2, y2));
        return this;
    }

    Svg text(double x, double y, String text, String cls, String anchor) {
        body.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                cls, x, y, anchor, Html.escape(text)));
        return this;
    }

    /** A polyline through the points, each {x, y} in pixels. */
    Svg polyline(List<double[]> points, String cls) {
        StringBuilder coordinates = new StringBuilder();
        for (double[] p : points) {
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        body.append("<polyline class=\"").append(cls).append("\" points=\"").append(coordinates.toString().strip())
                .append("\"/>");
        return this;
    }

    /** A mark with a hover title; {@code attributes} are extra, already escaped, e.g. data-trial="3". */
    Svg circle(double cx, double cy, double r, String cls, String attributes, String title) {
        body.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s>", cls, cx,
                cy, r, attributes)).append(title(title)).append("</circle>");
        return this;
    }

    /** An x-shaped mark with a hover title. */
    Svg cross(double cx, double cy, double size, String cls, String attributes, String title) {
        body.append(String.format(Locale.ROOT,
                "<path class=\"%s\" d=\"M%.1f %.1fl%.1f %.1fm0 %.1fl%.1f %.1f\" %s>", cls, cx - size, cy - size,
                2 * size, 2 * size, -2 * size, -2 * size, 2 * size, attributes)).append(title(title)).append("</path>");
        return this;
    }

    /** A rectangle, for bars, with an optional hover title. */
    Svg rect(double x, double y, double w, double h, String cls, String title) {
        body.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                cls, x, y, Math.max(0, w), Math.max(0, h))).append(title(title)).append("</rect>");
        return this;
    }

    private static String title(String title) {
        return title == null ? "" : "<title>" + Html.escape(title) + "</title>";
    }

    /** The drawing; {@code label} is read out by screen readers. */
    String render(String cls, String label) {
        return String.format(Locale.ROOT, "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">",
                cls, width, height, Html.escape(label)) + body + "</svg>";
    }
}
