package dev.nas.runs.report;

import java.util.List;
import java.util.Locale;

/** {@link ChoiceEffects} as two tables with inline bars: the effect of each dimension, then of each value. */
final class EffectsTable {

    private static final double BAR_WIDTH = 150;

    private EffectsTable() {
    }

    /** The mean |SHAP| of each dimension on accuracy and on latency, as bars on one scale per column. */
    static String importance(ChoiceEffects effects) {
        double maxAccuracy = effects.effects().stream()
                .mapToDouble(e -> e.accuracyPoints().orElse(0)).max().orElse(0);
        double maxLatency = effects.effects().stream().mapToDouble(e -> e.latencyMs().orElse(0)).max().orElse(0);
        StringBuilder out = new StringBuilder("<table class=\"effects\"><thead><tr><th>searched dimension</th>"
                + "<th>moves accuracy by</th>" + (effects.timed() ? "<th>moves latency by</th>" : "")
                + "</tr></thead><tbody>");
        for (ChoiceEffects.Effect e : effects.effects()) {
            double accuracy = e.accuracyPoints().orElseThrow();
            out.append("<tr><td class=\"dimension\">").append(Html.escape(e.dimension())).append("</td><td>")
                    .append(bar(accuracy, maxAccuracy, "bar-accuracy")).append(" ")
                    .append(Html.fixed(accuracy, 2)).append(" points</td>");
            if (effects.timed()) {
                double latency = e.latencyMs().orElseThrow();
                out.append("<td>").append(bar(latency, maxLatency, "bar-latency")).append(" ")
                        .append(Html.fixed(latency, 3)).append(" ms</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** Every value of every dimension with the mean and standard deviation of accuracy and latency. */
    static String perValue(ChoiceEffects effects) {
        List<ChoiceEffects.Group> groups = effects.effects().stream().flatMap(e -> e.groups().stream())
                .filter(g -> g.trials() > 0).toList();
        Scale accuracy = Scale.nice(groups.stream().mapToDouble(g -> g.accuracyMean() - sd(g.accuracySd())).min()
                .orElse(0) * 100, groups.stream().mapToDouble(g -> g.accuracyMean() + sd(g.accuracySd())).max()
                .orElse(1) * 100, 4, BAR_WIDTH - 4, 4);
        Scale latency = !effects.timed() ? null : Scale.nice(groups.stream()
                .mapToDouble(g -> g.latencyMean() - sd(g.latencySd())).min().orElse(0), groups.stream()
                .mapToDouble(g -> g.latencyMean() + sd(g.latencySd())).max().orElse(1), 4, BAR_WIDTH - 4, 4);
        StringBuilder out = new StringBuilder("<table class=\"per-value\"><thead><tr><th>searched dimension</th>"
                + "<th>value</th><th class=\"num\">trials</th><th colspan=\"2\">validation accuracy, mean &plusmn; sd"
                + "</th>" + (effects.timed() ? "<th colspan=\"2\">latency, mean &plusmn; sd</th>" : "")
                + "</tr></thead><tbody>");
        for (ChoiceEffects.Effect e : effects.effects()) {
            boolean first = true;
            for (ChoiceEffects.Group g : e.groups()) {
                out.append(first ? "<tr class=\"first\">" : "<tr>");
                if (first) {
                    out.append("<td class=\"dimension\" rowspan=\"").append(e.groups().size()).append("\">")
                            .append(Html.escape(e.dimension())).append("</td>");
                    first = false;
                }
                out.append("<td>").append(Html.escape(g.value())).append("</td><td class=\"num\">")
                        .append(g.trials()).append("</td>");
                if (g.trials() == 0) {
                    out.append("<td colspan=\"").append(effects.timed() ? 4 : 2)
                            .append("\" class=\"muted\">not tried</td></tr>");
                    continue;
                }
                out.append("<td>").append(whisker(accuracy, g.accuracyMean() * 100, sd(g.accuracySd()) * 100))
                        .append("</td><td class=\"num\">").append(Html.percent(g.accuracyMean()))
                        .append(" &plusmn; ").append(Html.fixed(sd(g.accuracySd()) * 100, 1)).append("</td>");
                if (effects.timed()) {
                    out.append("<td>").append(whisker(latency, g.latencyMean(), sd(g.latencySd())))
                            .append("</td><td class=\"num\">").append(Html.ms(g.latencyMean())).append(" &plusmn; ")
                            .append(Html.fixed(sd(g.latencySd()), 2)).append("</td>");
                }
                out.append("</tr>");
            }
        }
        return out.append("</tbody></table>").toString();
    }

    /** A standard deviation of one trial is undefined; it is drawn and written as none. */
    private static double sd(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static String bar(double value, double max, String cls) {
        double width = max > 0 ? value / max * BAR_WIDTH : 0;
        return String.format(Locale.ROOT, "<svg class=\"bar\" viewBox=\"0 0 %.0f 12\" width=\"%.0f\" height=\"12\">"
                + "<rect class=\"%s\" x=\"0\" y=\"1\" width=\"%.1f\" height=\"10\"/></svg>", BAR_WIDTH, BAR_WIDTH, cls,
                width);
    }

    private static String whisker(Scale scale, double mean, double sd) {
        return String.format(Locale.ROOT, "<svg class=\"bar\" viewBox=\"0 0 %.0f 12\" width=\"%.0f\" height=\"12\">"
                        + "<line class=\"whisker\" x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"6\"/>"
                        + "<circle class=\"mean\" cx=\"%.1f\" cy=\"6\" r=\"3.5\"/></svg>", BAR_WIDTH, BAR_WIDTH,
                scale.map(mean - sd), scale.map(mean + sd), scale.map(mean));
    }
}
