package dev.nas.runs.report;

import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.space.LatencySpec;
import dev.nas.space.Numbers;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Accuracy against the first objective the front trades it off against (latency, unless the space lists another
 * first): every completed trial a faint point, the Pareto front highlighted and joined, a target on that objective
 * as a line, trials over the target and trials measured before full training marked. Each point's hover title is
 * its candidate in words with every objective's value and unit. Where accuracy is the only objective (a table
 * without latency searched on the default objectives) trials are drawn against their parameters.
 */
final class PlaneChart {

    private static final double WIDTH = 900;
    private static final double HEIGHT = 440;
    /** Objectives every point's title names anyway. */
    private static final List<Objective> BUILT_IN_TITLE = List.of(Objective.ACCURACY, Objective.LATENCY,
            Objective.PARAMS);

    private PlaneChart() {
    }

    static String svg(StudySpec spec, List<Trial> trials) {
        return svg(spec, trials, List.of());
    }

    /** As {@link #svg(StudySpec, List)}, with the trials the study was warm-started with drawn as rings behind. */
    static String svg(StudySpec spec, List<Trial> trials, List<Trial> warm) {
        ObjectiveSpec objective = spec.objective();
        List<Trial> completed = trials.stream().filter(t -> t.evaluation().isPresent()).toList();
        List<Trial> scaled = new ArrayList<>(warm);
        scaled.addAll(completed);
        List<Trial> front = spec.front(trials);
        Set<Integer> onFront = new HashSet<>(front.stream().map(Trial::number).toList());
        Svg svg = new Svg(WIDTH, HEIGHT);
        Objective axis = across(objective);
        // The front is a line only against an objective it trades accuracy off against.
        boolean traded = !objective.tradedOff().isEmpty();
        ToDoubleFunction<Trial> across = t -> t.evaluation().orElseThrow().scores().value(axis);
        Optional<ObjectiveSpec.Target> target = objective.target().filter(t -> t.objective().equals(axis));
        double minX = scaled.stream().mapToDouble(across).min().orElse(0);
        double maxX = scaled.stream().mapToDouble(across).max().orElse(1);
        if (target.isPresent()) {
            minX = Math.min(minX, target.get().value());
            maxX = Math.max(maxX, target.get().value());
        }
        Scale x = Scale.nice(minX, maxX, svg.plotLeft(), svg.plotRight(), 8);
        Scale y = Scale.nice(scaled.stream().mapToDouble(t -> accuracy(t) * 100).min().orElse(0),
                scaled.stream().mapToDouble(t -> accuracy(t) * 100).max().orElse(100),
                svg.plotBottom(), svg.plotTop(), 6);
        boolean int8 = objective.latency().precision() == LatencySpec.Precision.INT8;
        svg.axes(x, y, axis.equals(Objective.LATENCY) ? "batch-1 latency, median (ms)"
                        : name(axis) + " (" + axis.unit() + (traded ? ", " + axis.direction() : "") + ")",
                int8 ? "validation accuracy, int8 (%)" : "validation accuracy (%)",
                v -> Html.tick(v, y.step()));
        target.ifPresent(t -> {
            double px = x.map(t.value());
            svg.line(px, svg.plotTop(), px, svg.plotBottom(), "target");
            svg.text(px + 4, svg.plotTop() + 12, "target " + amount(axis, t.value()), "target-label", "start");
        });
        for (Trial t : warm) {
            point(svg, spec, t, x.map(across.applyAsDouble(t)), y, false);
        }
        for (Trial t : completed) {
            if (!onFront.contains(t.number())) {
                point(svg, spec, t, x.map(across.applyAsDouble(t)), y, false);
            }
        }
        List<double[]> line = new ArrayList<>();
        boolean staircase = traded && objective.pareto().size() == 2;
        for (Trial t : front) {
            double px = x.map(across.applyAsDouble(t));
            double py = y.map(accuracy(t) * 100);
            if (staircase && !line.isEmpty()) {
                // Between two members the best accuracy on offer is the cheaper one's: a step, not a slope.
                line.add(new double[] {px, line.get(line.size() - 1)[1]});
            }
            line.add(new double[] {px, py});
        }
        if (traded && !line.isEmpty()) {
            svg.polyline(line, "front-line");
        }
        for (Trial t : front) {
            point(svg, spec, t, x.map(across.applyAsDouble(t)), y, true);
        }
        return svg.render("plane", "Validation accuracy against " + name(axis) + " of "
                + completed.size()
                + " completed trials; " + front.size() + " on the Pareto front");
    }

    private static void point(Svg svg, StudySpec spec, Trial t, double px, Scale y, boolean front) {
        Evaluation e = t.evaluation().orElseThrow();
        ObjectiveSpec objective = spec.objective();
        boolean feasible = Reward.feasible(objective, e.scores());
        boolean partial = !t.warmStart() && t.fidelity() < spec.fullEpochs();
        // A warm-start trial is drawn as what it is, another study's, whatever its latency or fidelity.
        String cls = t.warmStart() ? "trial warm" : "trial" + (front ? " front" : "")
                + (feasible ? "" : " infeasible") + (partial ? " partial" : "");
        String which = t.warmStart() ? " (" + t.attributes().get(WarmStart.FROM) + " of the earlier study)"
                : front ? ", on the front" : "";
        StringBuilder title = new StringBuilder(String.format(
                "%strial #%d%s: accuracy %s%s, latency %s, %s params, reward %s\n", t.warmStart() ? "warm-start "
                        : "", t.number(), which, Html.percent(e.accuracy()), e.quantized().isPresent()
                        ? " in int8 (" + Html.percent(e.trainedAccuracy()) + " as trained)" : "", e.latency().known()
                        ? Html.ms(e.latency().medianMs()) + " (IQR " + Html.ms(e.latency().spreadMs()) + ")" : "none",
                Html.count(e.cost().params()),
                Html.fixed(Reward.of(objective, e.scores()), 4)));
        String others = objective.pareto().stream().filter(o -> !BUILT_IN_TITLE.contains(o))
                .map(o -> o.token() + " " + amount(o, e.scores().value(o))).collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            title.append(others).append('\n');
        }
        if (!feasible) {
            title.append("over the target ").append(objective.target().orElseThrow().objective().token())
                    .append('\n');
        }
        if (partial) {
            title.append("trained ").append(t.fidelity()).append(" of ").append(spec.fullEpochs())
                    .append(" epochs (an early rung)\n");
        }
        title.append(t.candidate().describe());
        svg.circle(px, y.map(e.accuracy() * 100), front ? 5.5 : 4, cls,
                "data-trial=\"" + t.number() + "\"", title.toString());
    }

    /**
     * The objective the plane's horizontal axis shows: the first traded off against accuracy, or parameters where
     * accuracy is the only objective.
     */
    static Objective across(ObjectiveSpec objective) {
        return objective.tradedOff().isEmpty() ? Objective.PARAMS : objective.tradedOff().get(0);
    }

    /** An objective in words, for headings and axes. */
    static String name(Objective objective) {
        return objective.equals(Objective.PARAMS) ? "parameters" : objective.equals(Objective.MACS) ? "MACs"
                : objective.equals(Objective.MEMORY) ? "peak activation memory"
                : objective.equals(Objective.SIZE) ? "model size" : objective.token();
    }

    /** A value with its objective's unit: {@code 2.50 ms}, {@code 1,204 bytes}, {@code 0.3 mJ}. */
    static String amount(Objective objective, double value) {
        if (objective.equals(Objective.LATENCY)) {
            return Html.ms(value);
        }
        if (Double.isNaN(value)) {
            return "none";
        }
        // Four significant digits, without the trailing zeros %g would keep (2.5 mJ, not 2.500 mJ).
        String number = value == Math.rint(value) && Math.abs(value) < 1e15 ? Html.count((long) value)
                : Numbers.format(Double.parseDouble(String.format(Locale.ROOT, "%.4g", value)));
        return objective.unit().equals("count") ? number : number + " " + objective.unit();
    }

    private static double accuracy(Trial t) {
        return t.evaluation().orElseThrow().accuracy();
    }
}
