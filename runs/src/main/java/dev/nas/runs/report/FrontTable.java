package dev.nas.runs.report;

import dev.nas.core.scoring.Compression;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.runs.export.StudyTables;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Pareto front as a table the page's script sorts by any column: accuracy, latency with its spread and source,
 * parameters, multiply-accumulates, reward, and compression against the baseline.
 */
final class FrontTable {

    private static final List<String> HEADERS = List.of("trial", "accuracy", "latency", "params",
            "MACs", "reward", "compression", "space saving", "speed-up", "architecture");

    private FrontTable() {
    }

    static String html(StudySpec spec, List<Trial> trials, Optional<Trial> baseline) {
        StringBuilder out = new StringBuilder("<table class=\"sortable front\"><thead><tr>");
        for (int i = 0; i < HEADERS.size(); i++) {
            boolean text = i == HEADERS.size() - 1;
            out.append("<th").append(text ? " data-type=\"text\"" : "").append(" title=\"sort\">")
                    .append(HEADERS.get(i)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (Trial t : spec.front(trials)) {
            Evaluation e = t.evaluation().orElseThrow();
            Optional<Compression> c = baseline.map(b -> Compression.of(b, t));
            out.append("<tr data-trial=\"").append(t.number()).append("\" title=\"")
                    .append(Html.escape(t.candidate().key())).append("\">");
            cell(out, t.number(), "#" + t.number());
            cell(out, e.accuracy(), Html.percent(e.accuracy()));
            cell(out, e.latency().median().orElse(Double.NaN), e.latency().known() ? Html.ms(e.latency().medianMs())
                    + " <span class=\"muted\">&plusmn; " + Html.fixed(e.latency().spreadMs(), 2) + ", "
                    + e.latency().source().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "</span>" : "none");
            cell(out, e.cost().params(), Html.count(e.cost().params()));
            cell(out, e.cost().macs(), Html.count(e.cost().macs()));
            double reward = Reward.of(spec.objective(), e.scores());
            cell(out, reward, Html.fixed(reward, 4));
            cell(out, c.map(Compression::rate).orElse(Double.NaN), c.map(x -> Html.fixed(x.rate(), 2) + "&times;")
                    .orElse("-"));
            cell(out, c.map(Compression::spaceSaving).orElse(Double.NaN), c.map(x -> Html.percent(x.spaceSaving()))
                    .orElse("-"));
            cell(out, c.map(Compression::speedUp).orElse(Double.NaN), c.filter(x -> !Double.isNaN(x.speedUp()))
                    .map(x -> Html.fixed(x.speedUp(), 2) + "&times;").orElse("-"));
            out.append("<td class=\"words\">").append(Html.escape(StudyTables.architecture(t))).append("</td>");
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** A number cell: sorted by the exact value, shown as {@code shown} (already HTML). */
    private static void cell(StringBuilder out, double value, String shown) {
        out.append("<td class=\"num\" data-value=\"").append(Double.isNaN(value) ? "" : Double.toString(value))
                .append("\">").append(shown).append("</td>");
    }
}
