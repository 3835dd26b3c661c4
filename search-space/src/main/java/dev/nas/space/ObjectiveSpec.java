package dev.nas.space;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the search optimises: MnasNet's scalar reward ACC(m) x [LAT(m)/T]^w (only accuracy when there is no target
 * latency), and the objectives of the Pareto front, always accuracy and latency, optionally parameters.
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
        if (!pareto.contains(Objective.ACCURACY) || !pareto.contains(Objective.LATENCY)
                || pareto.stream().distinct().count() != pareto.size()) {
            throw new IllegalArgumentException("pareto objectives must include accuracy and latency once each, got "
                    + pareto);
        }
    }

    /** Latency measured on this machine. */
    public ObjectiveSpec(OptionalDouble targetLatencyMs, LatencyConstraint constraint, double exponent,
                         List<Objective> pareto) {
        this(targetLatencyMs, constraint, exponent, pareto, LatencySpec.MEASURED);
    }

    /** No target latency: the reward is the accuracy; the front trades accuracy against latency. */
    public static ObjectiveSpec accuracyOnly() {
        return new ObjectiveSpec(OptionalDouble.empty(), LatencyConstraint.SOFT, MNASNET_EXPONENT,
                List.of(Objective.ACCURACY, Objective.LATENCY));
    }
}
