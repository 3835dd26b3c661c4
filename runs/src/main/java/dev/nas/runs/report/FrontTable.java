package dev.nas.runs.report;

import dev.nas.core.scoring.Compression;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Quantized;
import dev.nas.core.trial.Trial;
import dev.nas.runs.export.StudyTables;
import dev.nas.space.LatencySpec;
import dev.nas.space.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Pareto front as a table the page's script sorts by any column: accuracy, latency with its spread and source,
 * parameters, multiply-accumulates, reward, compression against the baseline, and every other objective of the
 * front (memory, size, a table's columns) with its unit. In a study that times its
 * networks in a second engine, the speed-up against that engine; in a study scored in int8, each model's int8 file
 * against its float file, and against the baseline's float file.
 */
final class FrontTable {

    private static final List<String> HEADERS = List.of("trial", "accuracy", "latency", "params",
            "MACs", "reward", "compression", "space saving", "speed-up");
    /** Accuracy change in points from the trained network, the int8 file, its size against the float file's. */
    private static final List<String> INT8_HEADERS = List.of("int8 vs trained (points)", "int8 size", "int8 vs fp32",
            "bytes vs baseline");

    private FrontTable() {
    }

    static String html(StudySpec spec, List<Trial> trials, Optional<Trial> baseline) {
        List<Trial> front = spec.front(trials);
        boolean int8 = !front.isEmpty() && front.stream().allMatch(t -> t.evaluation().orElseThrow().quantized()
                .isPresent());
        Optional<LatencySpec.Engine> compared = spec.objective().latency().comparedEngine()
                .filter(engine -> !front.isEmpty() && front.stream().allMatch(t -> t.evaluation().orElseThrow()
                        .comparedLatency().isPresent()));
        List<Objective> extra = StudyTables.extra(spec.objective());
        List<String> headers = new ArrayList<>(HEADERS);
        extra.forEach(o -> headers.add(Html.escape(PlaneChart.name(o) + " (" + o.unit() + ")")));
        compared.ifPresent(engine -> headers.add("speed-up vs " + engine.describe()));
        if (int8) {
            headers.addAll(INT8_HEADERS);
        }
        headers.add("architecture");
        StringBuilder out = new StringBuilder("<table class=\"sortable front\"><thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            boolean text = i == headers.size() - 1;
            out.append("<th").append(text ? " data-type=\"text\"" : "").append(" title=\"sort\">")
                    .append(headers.get(i)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (Trial t : front) {
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
            for (Objective o : extra) {
                double value = e.scores().value(o);
                cell(out, value, Html.escape(PlaneChart.amount(o, value)));
            }
            if (compared.isPresent()) {
                double speedUp = e.comparedLatency().orElseThrow().medianMs() / e.latency().medianMs();
                cell(out, speedUp, Html.fixed(speedUp, 2) + "&times;");
            }
            if (int8) {
                Quantized q = e.quantized().orElseThrow();
                double change = (q.accuracy() - e.trainedAccuracy()) * 100;
                cell(out, change, String.format(Locale.ROOT, "%+.1f", change));
                cell(out, q.bytes(), Html.count(q.bytes()) + " B");
                cell(out, q.sizeRatio(), Html.fixed(1 / q.sizeRatio(), 2) + "&times; smaller");
                // What shipping this int8 model saves against shipping the baseline as trained, in float.
                Optional<Long> baselineBytes = baseline.flatMap(b -> b.evaluation().orElseThrow().quantized())
                        .map(Quantized::floatBytes);
                cell(out, baselineBytes.map(b -> (double) b / q.bytes()).orElse(Double.NaN), baselineBytes
                        .map(b -> Html.fixed((double) b / q.bytes(), 2) + "&times;").orElse("-"));
            }
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
