package dev.nas.runs.report;

import dev.nas.core.scoring.Hypervolume;
import dev.nas.core.scoring.Reward;
import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialState;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The best reward and the dominated hypervolume as the budget was spent, trial by trial in the order they finished,
 * with failed trials marked where they spent their share: whether more budget would still have helped.
 */
final class ProgressChart {

    private static final double WIDTH = 445;
    private static final double HEIGHT = 300;

    /** Where the study stood when {@code trial} finished. */
    record Step(Trial trial, double budget, OptionalDouble bestReward, double hypervolume) {
    }

    private ProgressChart() {
    }

    /** One step per finished trial, in the order they finished; hypervolume from {@code reference}. */
    static List<Step> steps(StudySpec spec, List<Trial> trials, Hypervolume.Reference reference) {
        ObjectiveSpec objective = spec.objective();
        List<Trial> finished = trials.stream().filter(t -> t.finished().isPresent())
                .sorted(Comparator.comparing((Trial t) -> t.finished().orElseThrow()).thenComparing(Trial::number))
                .toList();
        List<Step> steps = new ArrayList<>();
        List<Trial> counted = new ArrayList<>();
        double epochs = 0;
        for (Trial t : finished) {
            epochs += t.epochsSpent();
            counted.addAll(spec.fullFidelity(List.of(t)));
            OptionalDouble best = counted.stream()
                    .mapToDouble(c -> Reward.of(objective, c.evaluation().orElseThrow().scores())).max();
            steps.add(new Step(t, epochs / spec.fullEpochs(), best, Hypervolume.of(objective, counted, reference)));
        }
        return steps;
    }

    static String rewardSvg(StudySpec spec, List<Step> steps) {
        ObjectiveSpec objective = spec.objective();
        List<Step> scored = steps.stream().filter(s -> counts(spec, s.trial())).toList();
        double low = scored.stream().mapToDouble(s -> reward(objective, s.trial())).min().orElse(0);
        double high = scored.stream().mapToDouble(s -> reward(objective, s.trial())).max().orElse(1);
        Svg svg = new Svg(WIDTH, HEIGHT);
        Scale x = budgetScale(spec, steps, svg);
        Scale y = Scale.nice(low, high, svg.plotBottom(), svg.plotTop(), 5);
        svg.axes(x, y, "budget spent (full trainings)", "reward", v -> Html.tick(v, y.step()));
        for (Step s : scored) {
            svg.circle(x.map(s.budget()), y.map(reward(objective, s.trial())), 2.5, "faint", "",
                    "trial #" + s.trial().number() + ": reward " + Html.fixed(reward(objective, s.trial()), 4));
        }
        curve(svg, spec, steps, x, y, s -> s.bestReward().orElse(Double.NaN), "best reward",
                v -> Html.fixed(v, 4));
        marks(svg, steps, x);
        return svg.render("progress", "Best reward as the budget was spent");
    }

    static String hypervolumeSvg(StudySpec spec, List<Step> steps) {
        Svg svg = new Svg(WIDTH, HEIGHT);
        Scale x = budgetScale(spec, steps, svg);
        double high = steps.stream().mapToDouble(Step::hypervolume).max().orElse(1);
        Scale y = Scale.nice(0, high > 0 ? high : 1, svg.plotBottom(), svg.plotTop(), 5);
        svg.axes(x, y, "budget spent (full trainings)", "hypervolume (" + Hypervolume.unit(spec.objective()) + ")",
                v -> Html.tick(v, y.step()));
        curve(svg, spec, steps, x, y, s -> s.bestReward().isPresent() ? s.hypervolume() : Double.NaN, "hypervolume",
                v -> Html.fixed(v, 3));
        marks(svg, steps, x);
        return svg.render("progress", "Dominated hypervolume as the budget was spent");
    }

    private static Scale budgetScale(StudySpec spec, List<Step> steps, Svg svg) {
        double spent = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).budget();
        return Scale.nice(0, Math.max(spent, spec.budget()), svg.plotLeft(), svg.plotRight(), 6);
    }

    /** A step line of {@code value}, with a dot and a title where it rose. */
    private static void curve(Svg svg, StudySpec spec, List<Step> steps, Scale x, Scale y,
                              ToDoubleFunction<Step> value, String what,
                                      java.util.function.DoubleFunction<String> format) {
        List<double[]> line = new ArrayList<>();
        double previous = Double.NaN;
        List<Step> rises = new ArrayList<>();
        for (Step s : steps) {
            double v = value.applyAsDouble(s);
            if (Double.isNaN(v)) {
                continue;
            }
            if (!line.isEmpty()) {
                line.add(new double[] {x.map(s.budget()), line.get(line.size() - 1)[1]});
            }
            line.add(new double[] {x.map(s.budget()), y.map(v)});
            if (Double.isNaN(previous) || v > previous) {
                rises.add(s);
            }
            previous = v;
        }
        if (line.isEmpty()) {
            return;
        }
        double end = x.map(steps.get(steps.size() - 1).budget());
        line.add(new double[] {end, line.get(line.size() - 1)[1]});
        svg.polyline(line, "curve");
        for (Step s : rises) {
            double v = value.applyAsDouble(s);
            svg.circle(x.map(s.budget()), y.map(v), 3.5, "rise", "data-trial=\"" + s.trial().number() + "\"",
                    String.format("trial #%d after %s full trainings: %s %s", s.trial().number(),
                            Html.fixed(s.budget(), 1), what, format.apply(v)));
        }
    }

    /** Failed and pruned trials as crosses, on the budget axis where they spent their epochs. */
    private static void marks(Svg svg, List<Step> steps, Scale x) {
        double base = svg.plotBottom() - 7;
        for (Step s : steps) {
            Trial t = s.trial();
            if (t.state() == TrialState.FAILED || t.state() == TrialState.PRUNED) {
                String state = t.state().name().toLowerCase(Locale.ROOT);
                svg.cross(x.map(s.budget()), base, 4, state, "data-trial=\"" + t.number() + "\"",
                        "trial #" + t.number() + " " + state + " after " + t.epochsSpent() + " epoch(s): "
                                + t.reason().orElseThrow());
            }
        }
    }

    private static boolean counts(StudySpec spec, Trial trial) {
        return !spec.fullFidelity(List.of(trial)).isEmpty();
    }

    private static double reward(ObjectiveSpec objective, Trial trial) {
        return Reward.of(objective, trial.evaluation().orElseThrow().scores());
    }
}
