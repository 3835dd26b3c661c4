package dev.nas.space.yaml;

import dev.nas.space.BadInput;
import java.util.List;
import java.util.stream.Collectors;

/** A space file that cannot be used, with every problem found in it, one per line of the message. */
public final class SpaceException extends BadInput {

    private final transient List<Problem> problems;

    public SpaceException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
