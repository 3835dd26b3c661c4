package dev.nas.runs.report;

import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.study.WarmStart;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Trial;
import dev.nas.space.LatencySpec;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Accuracy against latency: every completed trial a faint point, the Pareto front highlighted and joined, the target
 * latency as a line, trials over it and trials measured before full training marked. Each point's hover title is
 * its candidate in words. Candidates without latency (a table that has none) are drawn against their parameters.
 */
final class PlaneChart {

    private static final double WIDTH = 900;
    private static final double HEIGHT = 440;

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
        boolean timed = objective.hasLatency();
        ToDoubleFunction<Trial> across = timed ? PlaneChart::latency
                : t -> t.evaluation().orElseThrow().cost().params();
        double minLatency = scaled.stream().mapToDouble(across).min().orElse(0);
        double maxLatency = scaled.stream().mapToDouble(across).max().orElse(1);
        if (objective.targetLatencyMs().isPresent()) {
            minLatency = Math.min(minLatency, objective.targetLatencyMs().getAsDouble());
            maxLatency = Math.max(maxLatency, objective.targetLatencyMs().getAsDouble());
        }
        Scale x = Scale.nice(minLatency, maxLatency, svg.plotLeft(), svg.plotRight(), 8);
        Scale y = Scale.nice(scaled.stream().mapToDouble(t -> accuracy(t) * 100).min().orElse(0),
                scaled.stream().mapToDouble(t -> accuracy(t) * 100).max().orElse(100),
                svg.plotBottom(), svg.plotTop(), 6);
        boolean int8 = objective.latency().precision() == LatencySpec.Precision.INT8;
        svg.axes(x, y, timed ? "batch-1 latency, median (ms)" : "parameters",
                int8 ? "validation accuracy, int8 (%)" : "validation accuracy (%)",
                v -> Html.tick(v, y.step()));
        objective.targetLatencyMs().ifPresent(target -> {
            double px = x.map(target);
            svg.line(px, svg.plotTop(), px, svg.plotBottom(), "target");
            svg.text(px + 4, svg.plotTop() + 12, "target " + Html.ms(target), "target-label", "start");
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
        boolean staircase = timed && objective.pareto().size() == 2;
        for (Trial t : front) {
            double px = x.map(across.applyAsDouble(t));
            double py = y.map(accuracy(t) * 100);
            if (staircase && !line.isEmpty()) {
                // Between two members the best accuracy on offer is the faster one's: a step, not a slope.
                line.add(new double[] {px, line.get(line.size() - 1)[1]});
            }
            line.add(new double[] {px, py});
        }
        if (timed && !line.isEmpty()) {
            svg.polyline(line, "front-line");
        }
        for (Trial t : front) {
            point(svg, spec, t, x.map(across.applyAsDouble(t)), y, true);
        }
        return svg.render("plane", "Validation accuracy against " + (timed ? "latency" : "parameters") + " of "
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
        if (!feasible) {
            title.append("over the target latency\n");
        }
        if (partial) {
            title.append("trained ").append(t.fidelity()).append(" of ").append(spec.fullEpochs())
                    .append(" epochs (an early rung)\n");
        }
        title.append(t.candidate().describe());
        svg.circle(px, y.map(e.accuracy() * 100), front ? 5.5 : 4, cls,
                "data-trial=\"" + t.number() + "\"", title.toString());
    }

    private static double latency(Trial t) {
        return t.evaluation().orElseThrow().latency().medianMs();
    }

    private static double accuracy(Trial t) {
        return t.evaluation().orElseThrow().accuracy();
    }
}
