package dev.nas.runs.report;

import dev.nas.core.scoring.Compression;
import dev.nas.core.scoring.Hypervolume;
import dev.nas.core.storage.Queued;
import dev.nas.core.study.DataRef;
import dev.nas.core.study.Study;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.runs.Version;
import dev.nas.runs.export.StudyStatus;
import dev.nas.runs.storage.SqlStorage;
import dev.nas.runs.storage.Workers;
import dev.nas.space.LatencySpec;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report of a study as one self-contained HTML page: summary, accuracy-latency plane, progress over the budget,
 * which choices matter, the front with compression against a baseline, and the settings and provenance.
 *
 * <pre>{@code
 * String html = new Report(file, spec, storage.trials(), storage.provenance(), roster, baseline, Instant.now(),
 *         warmStart, storage.queue()).html();
 * }</pre>
 *
 * @param baseline  the trial that compression and speed-up are measured against, if any trial completed
 * @param warmStart the trials the study was warm-started with, if it was: drawn apart on the plane, in no other chart
 * @param queue     the study's queued candidates, taken or not
 */
public record Report(String database, StudySpec spec, List<Trial> trials, SqlStorage.Provenance provenance,
                     Workers.Roster workers, Optional<Trial> baseline, Instant generated,
                     Optional<WarmStart> warmStart, List<Queued> queue) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public Report {
        trials = List.copyOf(trials);
        queue = List.copyOf(queue);
    }

    public String html() {
        StudyStatus status = StudyStatus.of(database, spec, trials, workers, warmStart, queue);
        List<Trial> warm = warmStart.map(WarmStart::trials).orElse(List.of());
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>nas report: ").append(Html.escape(spec.name())).append("</title><style>")
                .append(resource("report.css")).append("</style></head><body>");
        page.append("<header><h1>Study ").append(Html.escape(spec.name())).append("</h1><p>")
                .append(Html.escape(String.format("space %s · %s search · seed %d · %d trials%s · report of %s",
                        spec.space().name(), spec.controller().describe(), spec.seed(), trials.size(),
                        warm.isEmpty() ? "" : " · warm-started with " + warm.size(), TIME.format(generated))))
                .append("</p></header><main>");
        page.append(cards(status));
        page.append(PlaneChart.across(spec.objective()).equals(Objective.LATENCY) ? section("plane",
                "Accuracy against latency",
                "Every completed trial is a point; the Pareto front, the "
                + "trials no other beats on " + objectives() + ", is joined. Point at a trial to read its "
                + "architecture." + warmLead(warm) + (spec.objective().latency().precision()
                == LatencySpec.Precision.INT8
                ? " Accuracy and latency are the int8 models' (each trained network quantized as nas export --int8 "
                + "quantizes it, scored and timed in ONNX Runtime): the front is over what would ship." : ""),
                PlaneChart.svg(spec, trials, warm) + legend(warm) + "<div id=\"picked\"></div>")
                : section("plane", "Accuracy against " + PlaneChart.name(PlaneChart.across(spec.objective())),
                (spec.data() instanceof DataRef.Table table && !table.timed() ? "The candidates have no latency "
                + "(their table has none). " : "") + "The front is over " + objectives() + ". Every completed "
                + "trial is a point, the front highlighted. Point at a trial to read its architecture."
                + warmLead(warm), PlaneChart.svg(spec, trials, warm) + legend(warm) + "<div id=\"picked\"></div>"));
        page.append(engines());
        page.append(progress());
        page.append(effects());
        page.append(front());
        page.append(workers(status));
        page.append(settings(status));
        page.append("</main><footer>Made by nas ").append(Html.escape(Version.nas()))
                .append(" from ").append(Html.escape(database)).append(". Self-contained: no network needed.</footer>")
                .append("<script>").append(resource("report.js")).append("</script></body></html>\n");
        return page.toString();
    }

    private String cards(StudyStatus status) {
        StudyStatus.ByState s = status.trialsByState();
        String best = status.best() == null ? card("best reward", "none yet", "no trial has completed")
                : card("best reward", Html.fixed(status.best().reward(), 4),
                        String.format("trial #%d: %s, %s, %s params",
                status.best().trial(), Html.percent(status.best().accuracy()), status.best().latencyMs() == null
                        ? "no latency" : Html.ms(status.best().latencyMs()),
                Html.count(status.best().params())));
        return "<div class=\"cards\">" + best
                + card("Pareto front", status.frontSize() + " trials", "trained to full fidelity, "
                        + firstBest() + " below")
                + card("trials", Integer.toString(status.trials()), String.format("%d complete, %d failed, %d running",
                        s.complete(), s.failed(), s.running()))
                + card("budget spent", StudyStatus.number(status.budgetSpent()) + " of "
                        + StudyStatus.number(status.budget()), "full trainings of " + spec.fullEpochs()
                                + " epoch(s) each")
                + "</div>";
    }

    private static String card(String label, String value, String detail) {
        return "<div class=\"card\"><div class=\"label\">" + Html.escape(label) + "</div><div class=\"value\">"
                + Html.escape(value) + "</div><div class=\"detail\">" + Html.escape(detail) + "</div></div>";
    }

    private static String warmLead(List<Trial> warm) {
        return warm.isEmpty() ? "" : " Dashed rings are the " + warm.size() + " trials the study was warm-started "
                + "with, another study's results its controller knew from the start: never on this front, in no other "
                + "chart.";
    }

    private String legend(List<Trial> warm) {
        StringBuilder legend = new StringBuilder("<div class=\"legend\"><span class=\"l-point\">trial</span>"
                + "<span class=\"l-front\">Pareto front</span>");
        if (!warm.isEmpty()) {
            legend.append("<span class=\"l-warm\">warm start (another study's)</span>");
        }
        spec.objective().target().filter(t -> t.objective().equals(PlaneChart.across(spec.objective())))
                .ifPresent(t -> legend.append("<span class=\"l-target\">target ").append(Html.escape(
                        PlaneChart.amount(t.objective(), t.value()))).append("</span>"));
        if (spec.objective().target().isPresent()) {
            legend.append("<span class=\"l-infeasible\">over the target</span>");
        }
        if (trials.stream().anyMatch(t -> t.evaluation().isPresent() && t.fidelity() < spec.fullEpochs())) {
            legend.append("<span class=\"l-partial\">stopped at an early rung</span>");
        }
        long unplotted = trials.stream().filter(t -> t.finished().isPresent() && t.evaluation().isEmpty()).count();
        if (unplotted > 0) {
            legend.append("<span class=\"muted\">").append(unplotted)
                    .append(" failed trial(s) have no point: see the progress below</span>");
        }
        return legend.append("</div>").toString();
    }

    private String progress() {
        String legend = "<div class=\"legend\"><span class=\"l-front\">new best</span><span class=\"l-failed\">"
                + "failed</span></div>";
        ObjectiveSpec objective = spec.objective();
        if (objective.tradedOff().isEmpty()) {
            List<ProgressChart.Step> steps = ProgressChart.steps(spec, trials,
                    new Hypervolume.Reference(List.of(0.0)));
            return section("progress", "Progress over the budget", "Best reward so far after each trial, against the "
                    + "budget spent in full trainings (no hypervolume: accuracy is the only objective). A curve still "
                    + "rising at the right end says more budget would have helped.",
                    ProgressChart.rewardSvg(spec, steps) + legend);
        }
        Hypervolume.Reference reference = Hypervolume.Reference.of(objective, trials.stream()
                .flatMap(t -> t.evaluation().stream()).map(Evaluation::scores).toList());
        List<ProgressChart.Step> steps = ProgressChart.steps(spec, trials, reference);
        return section("progress", "Progress over the budget",
                "Best reward so far and the hypervolume the front dominates over " + objectives() + " (in "
                + Hypervolume.unit(objective) + ", from " + reference.describe(objective) + ": accuracy 0 and the "
                + "worst trial in each other objective), after each trial, against the budget spent in full "
                + "trainings. A curve still rising at the right end says more budget would have helped.",
                "<div class=\"pair\"><div>" + ProgressChart.rewardSvg(spec, steps)
                + "</div><div>" + ProgressChart.hypervolumeSvg(spec, steps) + "</div></div>" + legend);
    }

    private String effects() {
        ChoiceEffects effects = ChoiceEffects.of(spec, trials, spec.seed());
        String how = effects.fitted()
                ? "How far each searched choice alone moves validation accuracy and latency, on average over the "
                + effects.trials() + " trials trained to full fidelity: the mean absolute SHAP value of the dimension "
                + "in a random forest fitted to each (Smile, 200 trees). Below, every value with the mean and standard "
                + "deviation of the trials that took it."
                : "With " + effects.trials() + " trials trained to full fidelity, too few to fit a random forest (it "
                + "needs " + ChoiceEffects.MIN_TRIALS + "), here is every value of every searched dimension with the "
                + "mean and standard deviation of the trials that took it.";
        return section("choices", "Which choices matter", how, (effects.fitted() ? EffectsTable.importance(effects)
                + "<br>" : "")
                + EffectsTable.perValue(effects));
    }

    /** Where the study timed its networks in two engines: whether the two rank them alike. */
    private String engines() {
        return EngineChart.of(spec, trials).map(engines -> section("engines", engines.across().describe()
                + " against " + engines.up().describe(), String.format(Locale.ROOT, "Each architecture the study "
                + "timed in both engines (batch 1, one thread, this machine). Kendall's tau between the two rankings: "
                + "%.2f (1: the same order; 0: unrelated). %s ran them %.2fx faster than %s (median). Point at a "
                + "trial to read its architecture.", engines.kendallTau(), engines.up().describe(),
                engines.medianRatio(), engines.across().describe()), EngineChart.svg(engines))).orElse("");
    }

    private String front() {
        String against = baseline.map(b -> {
            Evaluation e = b.evaluation().orElseThrow();
            return "Compression rate (parameters before / after), space saving (1 - after / before) and speed-up "
                    + "(latency before / after) are against trial #" + b.number() + " (" + Html.count(e.cost().params())
                    + " params" + e.latency().median().map(ms -> ", " + Html.ms(ms)).orElse("") + ")"
                    + (Compression.baseline(trials, OptionalInt.empty()).orElseThrow().number() == b.number()
                    ? ", the largest network in the study. " : ". ");
        }).orElse("");
        return section("front", "The Pareto front", "Over " + objectives() + "; " + firstBest() + ", click a "
                + "column to sort. " + (spec.objective().hasLatency() ? "Latency is the median of the timed runs, "
                + "with their interquartile range and where the figure came from. " : "The front has no latency. ")
                + against + (spec.objective().latency().precision() == LatencySpec.Precision.INT8
                ? "Accuracy and latency are the int8 models'; beside them, the accuracy the trained network lost to "
                + "int8 (points), the int8 ONNX file, how much smaller it is than the fp32 file, and the baseline's "
                + "fp32 file over it (bytes vs baseline). " : "")
                + "Export a member with java -jar nas.jar export --db " + database.replaceAll("\\.mv\\.db$", "")
                + " --trial N --out DIR.", FrontTable.html(spec, trials, baseline));
    }

    /** Who ran which trial: one row per worker that joined the study. */
    private String workers(StudyStatus status) {
        StringBuilder table = new StringBuilder("<table class=\"settings\"><thead><tr><th>worker</th><th>host</th>"
                + "<th>process</th><th>state</th><th>trials run</th></tr></thead><tbody>");
        for (StudyStatus.WorkerStatus w : status.workers()) {
            table.append("<tr><td>").append(Html.escape(w.id())).append("</td><td>").append(Html.escape(w.host()))
                    .append("</td><td>").append(w.pid()).append("</td><td>").append(Html.escape(w.state()))
                    .append("</td><td>").append(Html.escape(workers.trialsOf(w.id()).stream().map(n -> "#" + n)
                            .collect(Collectors.joining(" ")))).append("</td></tr>");
        }
        table.append("</tbody></table>");
        return section("workers", "Workers", "Every worker that joined the study, and the trials each ran (a trial "
                + "taken over from a worker that died is listed under the worker that finished it).", table.toString());
    }

    private String settings(StudyStatus status) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("study database", database);
        rows.put("space", spec.space().name() + " from " + spec.spaceOrigin() + ", " + status.searchedDimensions()
                + " searched dimensions");
        rows.put("controller", spec.controller().describe());
        rows.put("seed", Long.toString(spec.seed()));
        rows.put("epochs per candidate", spec.epochs().toString());
        rows.put("objective", objective());
        rows.put("data", spec.data().description());
        rows.put("data SHA-256", spec.data().sha256());
        if (spec.data() instanceof DataRef.Images images && !images.classNames().isEmpty()) {
            rows.put("classes", String.join(", ", images.classNames()));
        }
        if (spec.data() instanceof DataRef.Images images && images.normalization().isPresent()) {
            rows.put("normalisation", "per channel, " + images.normalization().get()
                    + " of the training images, inside every network");
        }
        rows.put("budget", StudyStatus.number(status.budgetSpent()) + " of " + StudyStatus.number(spec.budget())
                + " full trainings spent");
        warmStart.ifPresent(w -> rows.put("warm start", w.trials().size() + " completed trials of " + w.source()
                + ", numbered -" + w.trials().size() + " to -1: known to the controller from the start, not "
                + "counted in the budget, never on the front"));
        if (!queue.isEmpty()) {
            List<Queued> waiting = Study.waiting(queue, trials);
            rows.put("queued", queue.size() + " candidate(s) queued to be tried first: " + trials.stream()
                    .filter(t -> t.attributes().containsKey(Study.ENQUEUED)).map(t -> "#" + t.number() + " took #"
                            + t.attributes().get(Study.ENQUEUED)).collect(Collectors.joining(", "))
                    + (waiting.isEmpty() ? "" : (queue.size() == waiting.size() ? "" : "; ") + waiting.size()
                    + " waiting"));
        }
        rows.put("time", time());
        rows.put("latency measured on", trials.stream().flatMap(t -> t.evaluation().stream())
                .map(e -> conditions(e.latency().conditions())).distinct().collect(Collectors.joining("; ")));
        rows.put("created", TIME.format(provenance.created()) + " by nas " + provenance.nasVersion() + ", "
                + provenance.java() + ", " + provenance.os());
        rows.put("report", TIME.format(generated) + " by nas " + Version.nas() + ", Java " + Runtime.version());
        StringBuilder table = new StringBuilder("<table class=\"settings\"><tbody>");
        rows.forEach((k, v) -> table.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v.isEmpty() ? "-" : v)).append("</td></tr>"));
        table.append("</tbody></table><details><summary>The space, as stored with the study</summary><pre>")
                .append(Html.escape(spec.spaceYaml())).append("</pre></details>");
        return section("settings", "Settings and provenance",
                "Everything needed to run this search again, and what it ran on.",
                table.toString());
    }

    /** Conditions in words, leaving out what a source did not record (a table has no JVM or backend). */
    private static String conditions(Conditions c) {
        return Stream.of(c.device(), c.threads() + " thread" + (c.threads() == 1 ? "" : "s"), c.cpu(), c.jvm(),
                c.backend()).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(", "));
    }

    /** Every objective with its unit and direction. */
    private String objectives() {
        return spec.objective().pareto().stream().map(Objective::describe).collect(Collectors.joining(", "));
    }

    /** How the front is ordered: best first in its first objective after accuracy. */
    private String firstBest() {
        List<Objective> traded = spec.objective().tradedOff();
        Objective first = traded.isEmpty() ? Objective.ACCURACY : traded.get(0);
        return first.equals(Objective.LATENCY) ? "fastest first" : first.equals(Objective.ACCURACY)
                ? "most accurate first" : (first.maximize() ? "highest " : "lowest ") + first.token() + " first";
    }

    private String objective() {
        ObjectiveSpec o = spec.objective();
        String pareto = "front over " + objectives();
        if (o.target().isEmpty()) {
            return "reward = accuracy; " + pareto;
        }
        ObjectiveSpec.Target t = o.target().get();
        String symbol = t.objective().equals(Objective.LATENCY) ? "LAT" : t.objective().token();
        return "MnasNet reward ACC x (" + symbol + " / " + PlaneChart.amount(t.objective(), t.value()) + ")^w, "
                + o.constraint().name().toLowerCase(Locale.ROOT) + " constraint, w = " + o.exponent() + "; " + pareto;
    }

    /** Wall time from the first trial's start to the last one's end, and the training time inside it. */
    private String time() {
        Optional<Instant> start = trials.stream().map(Trial::started).min(Instant::compareTo);
        Optional<Instant> end = trials.stream().flatMap(t -> t.finished().stream()).max(Instant::compareTo);
        if (start.isEmpty() || end.isEmpty()) {
            return "";
        }
        double training = trials.stream().flatMap(t -> t.evaluation().stream()).mapToDouble(Evaluation::trainSeconds)
                .sum();
        return duration(Duration.between(start.get(), end.get())) + " from the first trial's start to the last one's"
                + " end, " + duration(Duration.ofMillis(Math.round(training * 1000))) + " of it training";
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static String section(String id, String title, String lead, String body) {
        return "<section id=\"" + id + "\"><h2>" + Html.escape(title) + "</h2><p class=\"lead\">" + Html.escape(lead)
                + "</p>" + body
                + "</section>";
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(Report.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
