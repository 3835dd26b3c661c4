package dev.nas.space.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.LatencyConstraint;
import dev.nas.space.Objective;
import dev.nas.space.ObjectiveSpec;
import dev.nas.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The objective section: built-in measures, table columns with direction and unit, and targets on any of them. */
class ObjectiveYamlTest {

    private static final String SPACE = """
            name: t
            input: {height: 8, width: 8, channels: 1}
            classes: 2
            stem: {filters: 4}
            blocks:
              - op: [conv, mbconv]
                filters: 8
                layers: 1
            head: {filters: 8}
            training:
              epochs: 1
            objective:
            """;

    private static SearchSpace parse(String objective) {
        return SpaceLoader.parse(SPACE + objective, "spaces/o.yaml");
    }

    private static void assertProblem(String objective, int line, String key, String messagePart) {
        SpaceException e = assertThrows(SpaceException.class, () -> parse(objective));
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == line && p.key().equals(key)
                        && p.message().contains(messagePart) && p.origin().equals("spaces/o.yaml")),
                () -> "expected line " + line + " key " + key + " '" + messagePart + "' in:\n" + e.getMessage());
    }

    @Test
    void measuresAndColumnsCarryTheirDirectionAndUnit() {
        ObjectiveSpec spec = parse("""
                  pareto: [accuracy, macs, memory, size, {column: energy_mj, direction: minimize, unit: mJ}]
                  target: {objective: macs, value: 500000}
                  constraint: hard
                """).objective();
        Objective energy = new Objective.Column("energy_mj", false, "mJ");
        assertEquals(List.of(Objective.ACCURACY, Objective.MACS, Objective.MEMORY, Objective.SIZE, energy),
                spec.pareto());
        assertEquals(List.of(energy), spec.columns());
        assertEquals(Optional.of(new ObjectiveSpec.Target(Objective.MACS, 500000)), spec.target());
        assertEquals(OptionalDouble.empty(), spec.targetLatencyMs(), "the target is not on latency");
        assertEquals(LatencyConstraint.HARD, spec.constraint());
        assertEquals("energy_mj (mJ, minimize)", energy.describe());
        assertEquals("memory (bytes, minimize)", Objective.MEMORY.describe());
        assertEquals("accuracy (fraction, maximize)", Objective.ACCURACY.describe());
        assertEquals(Optional.of(new ObjectiveSpec.Target(Objective.LATENCY, 2.5)),
                parse("  target_latency_ms: 2.5\n").objective().target(), "target_latency_ms keeps working");
    }

    @Test
    void aWrittenSpaceReadsBackWithItsObjectives() {
        SearchSpace space = parse("""
                  pareto: [accuracy, {column: score, direction: maximize, unit: points}, params]
                  target: {objective: params, value: 1000}
                """);
        SearchSpace again = SpaceLoader.parse(SpaceWriter.write(space), "written.yaml");
        assertEquals(space.objective(), again.objective());
        assertEquals(parse("  target_latency_ms: 3\n").objective(),
                SpaceLoader.parse(SpaceWriter.write(parse("  target_latency_ms: 3\n")), "w.yaml").objective());
    }

    @Test
    void badObjectivesAreNamedByFileLineAndKey() {
        assertProblem("  pareto: [accuracy, energy]\n", 13, "objective.pareto[1]",
                "unknown objective 'energy' (expected accuracy, latency, params, macs, memory, size, or a table "
                        + "column");
        assertProblem("  pareto: [latency, macs]\n", 13, "objective.pareto", "list accuracy and one or more");
        assertProblem("  pareto: [accuracy]\n", 13, "objective.pareto", "at least one other objective");
        assertProblem("  pareto: [accuracy, macs, macs]\n", 13, "objective.pareto[2]", "macs is listed twice");
        assertProblem("""
                  pareto:
                    - accuracy
                    - {column: energy_mj, direction: down, unit: mJ}
                """, 15, "objective.pareto[1].direction", "unknown direction 'down' (expected minimize or maximize)");
        assertProblem("  pareto: [accuracy, {column: energy_mj, direction: minimize}]\n", 13,
                "objective.pareto[1].unit", "missing");
        assertProblem("  pareto: [accuracy, {column: latency_ms, direction: minimize, unit: ms}]\n", 13,
                "objective.pareto[1]", "named by a table column other than key, latency_ms");
        assertProblem("  pareto: [accuracy, {column: macs, direction: minimize, unit: n}]\n", 13,
                "objective.pareto[1]", "nas's own objectives");
        assertProblem("  pareto: [accuracy, {column: e, direction: minimize, unit: milli joule}]\n", 13,
                "objective.pareto[1]", "a column's unit is 1 to 16 characters without spaces");
        assertProblem("  pareto: [accuracy, {column: e, direction: minimize, unit: mJ, scale: 2}]\n", 13,
                "objective.pareto[1].scale", "unknown");
    }

    @Test
    void badTargetsAreNamedByFileLineAndKey() {
        assertProblem("  pareto: [accuracy, macs]\n  target: {objective: memory, value: 5}\n", 14,
                "objective.target.objective", "a target is on one of the pareto objectives [accuracy, macs], got "
                        + "'memory'");
        assertProblem("  pareto: [accuracy, macs]\n  target: {objective: accuracy, value: 0.5}\n", 14,
                "objective.target.objective", "accuracy is maximised");
        assertProblem("  pareto: [accuracy, macs]\n  target: {objective: macs, value: -5}\n", 14,
                "objective.target.value", "must be positive");
        assertProblem("  pareto: [accuracy, macs]\n  target: {objective: macs}\n", 14,
                "objective.target.value", "missing");
        assertProblem("  target_latency_ms: 2\n  target: {objective: latency, value: 3}\n", 14,
                "objective.target", "give target_latency_ms or target, not both");
        assertProblem("  pareto: [accuracy, macs]\n  target_latency_ms: 2\n", 14, "objective.target_latency_ms",
                "a target on latency needs it among the pareto objectives, got [accuracy, macs]");
    }
}
