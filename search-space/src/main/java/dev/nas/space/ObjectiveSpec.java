package dev.nas.space;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the search optimises: MnasNet's scalar reward ACC(m) x [LAT(m)/T]^w (only accuracy when there is no target
 * latency), and the objectives of the Pareto front: accuracy and latency, optionally parameters. A space always
 * names latency; a study scored from a table without latencies searches {@link #withoutLatency()}.
 *
 * @param exponent w of the soft constraint, at most 0 (MnasNet uses -0.07)
 * @param latency  where each candidate's latency comes from
 */
public record ObjectiveSpec(OptionalDouble targetLatencyMs, LatencyConstraint constraint, double exponent,
                            List<Objective> pareto, LatencySpec latency) {

    public static final double MNASNET_EXPONENT = -0.07;

    public ObjectiveSpec {
        pareto = List.copyOf(pareto);
        Objects.requireNonNull(latency, "latency");
        if (targetLatencyMs.isPresent() && !(targetLatencyMs.getAsDouble() > 0)) {
            throw new IllegalArgumentException("target latency must be positive, got " + targetLatencyMs);
        }
        if (!(exponent <= 0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("exponent must be zero or negative, got " + exponent);
        }
        if (!pareto.contains(Objective.ACCURACY) || pareto.stream().distinct().count() != pareto.size()) {
            throw new IllegalArgumentException("pareto objectives must include accuracy, each once, got " + pareto);
        }
        if (targetLatencyMs.isPresent() && !pareto.contains(Objective.LATENCY)) {
            throw new IllegalArgumentException("a target latency needs latency among the objectives, got " + pareto);
        }
    }

    /** Latency measured on this machine. */
    public ObjectiveSpec(OptionalDouble targetLatencyMs, LatencyConstraint constraint, double exponent,
                         List<Objective> pareto) {
        this(targetLatencyMs, constraint, exponent, pareto, LatencySpec.MEASURED);
    }

    /** Whether candidates have a latency: the front trades accuracy against it. */
    public boolean hasLatency() {
        return pareto.contains(Objective.LATENCY);
    }

    /**
     * The same objectives without latency, for candidates that have none: the front falls back to accuracy and what
     * else it trades off. An objective with a target latency has none without (the constructor refuses it).
     */
    public ObjectiveSpec withoutLatency() {
        return new ObjectiveSpec(targetLatencyMs, constraint, exponent,
                pareto.stream().filter(o -> o != Objective.LATENCY).toList(), latency);
    }

    /** No target latency: the reward is the accuracy; the front trades accuracy against latency. */
    public static ObjectiveSpec accuracyOnly() {
        return new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, MNASNET_EXPONENT,
                List.of(Objective.ACCURACY, Objective.LATENCY));
    }
}
