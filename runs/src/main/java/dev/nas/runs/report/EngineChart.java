package dev.nas.runs.report;

import dev.nas.core.study.StudySpec;
import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.Trial;
import dev.nas.space.BlockChoice;
import dev.nas.space.LatencySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * One engine's latency against another's for the networks a study timed in both
 * ({@code objective.latency.compare_with}): one point per architecture, with Kendall's tau between the two rankings.
 * A tau near 1 says a search that optimises one engine's latency finds the other's fast networks too. DL4J is drawn
 * across where it is one of the two, else ONNX Runtime fp32 (against int8).
 */
final class EngineChart {

    private static final double WIDTH = 900;
    private static final double HEIGHT = 400;

    /** One architecture's latency in each engine. */
    record Point(Trial trial, double acrossMs, double upMs) {
    }

    /** The engines, the points and their rank agreement. */
    record Engines(LatencySpec.Engine across, LatencySpec.Engine up, List<Point> points, double kendallTau) {

        /** Median of across over up: how many times faster the engine drawn up ran the networks. */
        double medianRatio() {
            return new Median().evaluate(points.stream().mapToDouble(p -> p.acrossMs() / p.upMs()).toArray());
        }
    }

    private EngineChart() {
    }

    /** The architectures timed in both engines, each once; empty where fewer than two were. */
    static Optional<Engines> of(StudySpec spec, List<Trial> trials) {
        LatencySpec latency = spec.space().objective().latency();
        Optional<LatencySpec.Engine> own = latency.engine();
        Optional<LatencySpec.Engine> other = latency.comparedEngine();
        if (own.isEmpty() || other.isEmpty()) {
            return Optional.empty();
        }
        // DL4J first, then ONNX Runtime fp32: the heavier engine across.
        boolean ownAcross = own.get().source() == LatencySpec.Source.MEASURED
                || other.get().precision() == LatencySpec.Precision.INT8;
        Set<List<BlockChoice>> seen = new HashSet<>();
        List<Point> points = new ArrayList<>();
        for (Trial trial : trials) {
            Optional<Evaluation> e = trial.evaluation();
            Optional<Latency> compared = e.flatMap(Evaluation::comparedLatency);
            if (compared.isPresent() && seen.add(trial.candidate().blocks())) {
                double mine = e.get().latency().medianMs();
                double theirs = compared.get().medianMs();
                points.add(ownAcross ? new Point(trial, mine, theirs) : new Point(trial, theirs, mine));
            }
        }
        if (points.size() < 2) {
            return Optional.empty();
        }
        double tau = new KendallsCorrelation().correlation(points.stream().mapToDouble(Point::acrossMs).toArray(),
                points.stream().mapToDouble(Point::upMs).toArray());
        return Optional.of(ownAcross ? new Engines(own.get(), other.get(), List.copyOf(points), tau)
                : new Engines(other.get(), own.get(), List.copyOf(points), tau));
    }

    static String svg(Engines engines) {
        List<Point> points = engines.points();
        String across = engines.across().describe();
        String up = engines.up().describe();
        Svg svg = new Svg(WIDTH, HEIGHT);
        Scale x = Scale.nice(points.stream().mapToDouble(Point::acrossMs).min().orElseThrow(),
                points.stream().mapToDouble(Point::acrossMs).max().orElseThrow(), svg.plotLeft(), svg.plotRight(), 8);
        Scale y = Scale.nice(points.stream().mapToDouble(Point::upMs).min().orElseThrow(),
                points.stream().mapToDouble(Point::upMs).max().orElseThrow(), svg.plotBottom(), svg.plotTop(), 6);
        svg.axes(x, y, across + " batch-1 latency, median (ms)", up + " (ms)", v -> Html.tick(v, y.step()));
        for (Point p : points) {
            svg.circle(x.map(p.acrossMs()), y.map(p.upMs()), 4, "trial", "data-trial=\"" + p.trial().number() + "\"",
                    String.format("trial #%d: %s %s, %s %s (%.2fx)\n%s", p.trial().number(), across,
                            Html.ms(p.acrossMs()), up, Html.ms(p.upMs()), p.acrossMs() / p.upMs(),
                            p.trial().candidate().describe()));
        }
        return svg.render("engines", String.format("%s latency against %s latency of %d architectures; Kendall's "
                + "tau %.2f", across, up, points.size(), engines.kendallTau()));
    }
}
