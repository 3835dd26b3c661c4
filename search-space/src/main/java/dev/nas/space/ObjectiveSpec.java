package dev.nas.space;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the search optimises: MnasNet's scalar reward ACC(m) x [V(m)/T]^w, where V is the {@link Target}'s objective
 * (latency in MnasNet; a MAC or memory budget works the same way) and only accuracy counts without a target, and the
 * objectives of the Pareto front: accuracy and at least one other. A study scored from a table without latencies
 * searches {@link #withoutLatency()}.
 *
 * @param exponent w of the soft constraint, at most 0 (MnasNet uses -0.07)
 * @param pareto   accuracy and the objectives traded off against it, each once (by name); the front is ordered by
 *                 the first after accuracy
 * @param latency  where each candidate's latency comes from
 */
public record ObjectiveSpec(Optional<Target> target, LatencyConstraint constraint, double exponent,
                            List<Objective> pareto, LatencySpec latency) {

    public static final double MNASNET_EXPONENT = -0.07;

    public ObjectiveSpec {
        pareto = List.copyOf(pareto);
        Objects.requireNonNull(latency, "latency");
        if (!(exponent <= 0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("exponent must be zero or negative, got " + exponent);
        }
        if (!pareto.contains(Objective.ACCURACY)
                || pareto.stream().map(Objective::token).distinct().count() != pareto.size()) {
            throw new IllegalArgumentException("pareto objectives must include accuracy, each once, got " + pareto);
        }
        if (target.isPresent() && !pareto.contains(target.get().objective())) {
            throw new IllegalArgumentException("a target on " + target.get().objective().token() + " needs it among "
                    + "the objectives, got " + pareto);
        }
    }

    /** A target latency, or none: the reward as MnasNet defines it. */
    public ObjectiveSpec(OptionalDouble targetLatencyMs, LatencyConstraint constraint, double exponent,
                         List<Objective> pareto, LatencySpec latency) {
        this(targetLatencyMs.isPresent() ? Optional.of(new Target(Objective.LATENCY, targetLatencyMs.getAsDouble()))
                : Optional.empty(), constraint, exponent, pareto, latency);
    }

    /** Latency measured on this machine. */
    public ObjectiveSpec(OptionalDouble targetLatencyMs, LatencyConstraint constraint, double exponent,
                         List<Objective> pareto) {
        this(targetLatencyMs, constraint, exponent, pareto, LatencySpec.MEASURED);
    }

    /**
     * The budget the reward holds a candidate to: {@code value} of a minimised {@code objective}, in its unit.
     * Written {@code target_latency_ms: 20} or {@code target: {objective: macs, value: 5000000}}.
     */
    public record Target(Objective objective, double value) {

        public Target {
            Objects.requireNonNull(objective, "objective");
            if (objective.maximize() || !(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("a target is a positive budget of an objective to minimise, got "
                        + value + " " + objective.describe());
            }
        }
    }

    /** The target latency in milliseconds, where the target is on latency. */
    public OptionalDouble targetLatencyMs() {
        return target.filter(t -> t.objective().equals(Objective.LATENCY)).map(t -> OptionalDouble.of(t.value()))
                .orElse(OptionalDouble.empty());
    }

    /** Whether candidates have a latency: the front trades accuracy against it. */
    public boolean hasLatency() {
        return pareto.contains(Objective.LATENCY);
    }

    /** The objectives a tabular benchmark must give in columns of their own. */
    public List<Objective.Column> columns() {
        return pareto.stream().filter(Objective.Column.class::isInstance).map(Objective.Column.class::cast).toList();
    }

    /**
     * The objectives the front is ordered by after accuracy: those other than accuracy, in the order listed; the
     * first of them is the plane's horizontal axis.
     */
    public List<Objective> tradedOff() {
        return pareto.stream().filter(o -> !o.equals(Objective.ACCURACY)).toList();
    }

    /**
     * The same objectives without latency, for candidates that have none: the front falls back to accuracy and what
     * else it trades off. An objective with a target latency has none without (the constructor refuses it).
     */
    public ObjectiveSpec withoutLatency() {
        return new ObjectiveSpec(target, constraint, exponent,
                pareto.stream().filter(o -> o != Objective.LATENCY).toList(), latency);
    }

    /** No target latency: the reward is the accuracy; the front trades accuracy against latency. */
    public static ObjectiveSpec accuracyOnly() {
        return new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, MNASNET_EXPONENT,
                List.of(Objective.ACCURACY, Objective.LATENCY));
    }
}
