package dev.nas.space.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML node that knows where it is: its file, line and key path. Typed accessors throw {@link Invalid} carrying
 * a {@link Problem} that points at this node.
 */
final class YamlValue {

    private final Node node;
    private final String origin;
    private final String path;

    YamlValue(Node node, String origin, String path) {
        this.node = node;
        this.origin = origin;
        this.path = path;
    }

    String path() {
        return path;
    }

    int line() {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    Problem problem(String message) {
        return new Problem(origin, line(), path, message);
    }

    /** A required key missing from this mapping. */
    Problem missing(String key) {
        return new Problem(origin, line(), child(key), "missing (required)");
    }

    Invalid invalid(String message) {
        return new Invalid(problem(message));
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping, in file order; duplicate keys are an error. */
    Map<String, YamlValue> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw invalid("expected a mapping of keys to values");
        }
        Map<String, YamlValue> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlValue(tuple.getKeyNode(), origin, path).invalid("keys must be plain names");
            }
            String name = key.getValue();
            YamlValue value = new YamlValue(tuple.getValueNode(), origin, child(name));
            if (entries.put(name, value) != null) {
                throw new YamlValue(key, origin, child(name)).invalid("duplicate key");
            }
        }
        return entries;
    }

    Optional<YamlValue> get(String key) {
        return Optional.ofNullable(entries().get(key));
    }

    /** Reports, without stopping, each key of this mapping that is not one of {@code known}. */
    List<Problem> unknownKeys(Set<String> known) {
        List<Problem> problems = new ArrayList<>();
        if (!isMapping()) {
            return problems;
        }
        for (Map.Entry<String, YamlValue> entry : entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                problems.add(entry.getValue().problem("unknown key (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
        return problems;
    }

    List<YamlValue> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid("expected a list");
        }
        List<YamlValue> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new YamlValue(sequence.getValue().get(i), origin, path + "[" + i + "]"));
        }
        return items;
    }

    String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw invalid("expected a single value");
        }
        return scalar.getValue().strip();
    }

    double number() {
        String text = text();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("'" + text + "' is not a number");
    }

    int integer() {
        String text = text();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid("'" + text + "' is not an integer");
        }
    }

    int positiveInteger() {
        int value = integer();
        if (value < 1) {
            throw invalid("must be a positive integer, got " + value);
        }
        return value;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem found while reading; caught where reading can go on with the next key. */
    static final class Invalid extends RuntimeException {

        private final transient Problem problem;

        Invalid(Problem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
