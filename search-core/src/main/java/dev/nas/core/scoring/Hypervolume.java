package dev.nas.core.scoring;

import dev.nas.core.trial.Evaluation;
import dev.nas.core.trial.Scores;
import dev.nas.core.trial.Trial;
import dev.nas.space.Numbers;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The volume of objective space that a set of trials dominates over the study's Pareto objectives, up to a
 * {@link Reference} point: one number for how good a whole front is, which grows whenever the front improves
 * anywhere. Its unit is the product of the objectives' ({@link #unit}). Jenetics and Commons Math have no
 * hypervolume; in two dimensions it is one sweep, in more it is sliced along the last objective, each slice the
 * volume of one dimension fewer (exact, and quick for fronts of a few hundred trials).
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /**
     * Where counting stops, one value per Pareto objective in its unit: accuracy from 0, every other objective from
     * its worst value (the slowest latency, the most energy) among the points the comparison is over. A point at or
     * beyond the reference in any objective adds nothing.
     */
    public record Reference(List<Double> worst) {

        public Reference {
            worst = List.copyOf(worst);
        }

        /** Accuracy 0, and each other objective's worst among {@code scores}. */
        public static Reference of(ObjectiveSpec spec, Collection<Scores> scores) {
            return new Reference(spec.pareto().stream().map(o -> o.equals(Objective.ACCURACY) ? 0.0
                    : o.maximize() ? scores.stream().mapToDouble(s -> s.value(o)).min().orElse(0)
                    : scores.stream().mapToDouble(s -> s.value(o)).max().orElse(0)).toList());
        }

        /** The reference in words, to six significant digits: {@code accuracy 0 fraction, latency 12.5 ms}. */
        public String describe(ObjectiveSpec spec) {
            return IntStream.range(0, worst.size()).mapToObj(k -> spec.pareto().get(k).token() + " "
                    + Numbers.format(Double.parseDouble(String.format(Locale.ROOT, "%.6g", worst.get(k)))) + " "
                    + spec.pareto().get(k).unit()).collect(Collectors.joining(", "));
        }
    }

    /** The unit hypervolume is counted in: the product of the objectives' units, {@code fraction x ms}. */
    public static String unit(ObjectiveSpec spec) {
        return spec.pareto().stream().map(Objective::unit).collect(Collectors.joining(" x "));
    }

    /** The volume the completed trials dominate. */
    public static double of(ObjectiveSpec spec, Collection<Trial> trials, Reference reference) {
        return ofScores(spec, trials.stream().flatMap(t -> t.evaluation().stream()).map(Evaluation::scores).toList(),
                reference);
    }

    /** The volume these points dominate, as {@link #of}: for a front known without trials, such as a whole table's. */
    public static double ofScores(ObjectiveSpec spec, Collection<Scores> scores, Reference reference) {
        if (reference.worst().size() != spec.pareto().size()) {
            throw new IllegalArgumentException("a reference has one value per objective " + spec.pareto()
                    + ", got " + reference.worst());
        }
        List<Objective> objectives = spec.pareto();
        double[] ref = IntStream.range(0, objectives.size()).mapToDouble(k -> objectives.get(k).maximize()
                ? reference.worst().get(k) : -reference.worst().get(k)).toArray();
        List<double[]> points = new ArrayList<>();
        for (Scores s : scores) {
            double[] point = Front.maximised(spec, s);
            if (IntStream.range(0, ref.length).allMatch(k -> point[k] > ref[k])) {
                points.add(point);
            }
        }
        return volume(points, ref, ref.length);
    }

    /** The volume {@code points} dominate in their first {@code dims} coordinates, all maximised, over {@code ref}. */
    private static double volume(List<double[]> points, double[] ref, int dims) {
        if (points.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            return points.stream().mapToDouble(p -> p[0]).max().orElseThrow() - ref[0];
        }
        if (dims == 2) {
            return area(points, ref);
        }
        int last = dims - 1;
        List<double[]> sorted = points.stream().sorted(Comparator.comparingDouble((double[] p) -> -p[last]))
                .toList();
        double volume = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double below = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : ref[last];
            double height = sorted.get(i)[last] - below;
            if (height > 0) {
                // Between this level and the next one down, the slice is dominated by every point at or above it.
                volume += height * volume(sorted.subList(0, i + 1), ref, last);
            }
        }
        return volume;
    }

    /** The two-dimensional case in one sweep along the first coordinate, from its best value down. */
    private static double area(List<double[]> points, double[] ref) {
        List<double[]> sorted = points.stream().sorted(Comparator.comparingDouble((double[] p) -> -p[0])).toList();
        double area = 0;
        double highest = ref[1];
        for (int i = 0; i < sorted.size(); i++) {
            highest = Math.max(highest, sorted.get(i)[1]);
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[0] : ref[0];
            area += (sorted.get(i)[0] - next) * (highest - ref[1]);
        }
        return area;
    }
}
