package dev.nas.space.yaml;

import java.util.List;
import java.util.Map;

/**
 * A space file's {@code controller:} section, as given: the preset's name and the parameters it overrides, values as
 * text. The space knows no controllers; the core checks the name and values and answers with {@link #problem}.
 *
 * <pre>{@code
 * controller: asha               # the preset with its defaults
 * controller: {name: asha, eta: 4}
 * }</pre>
 *
 * @param origin where the section is, for messages
 * @param line   its line in the file
 */
public record ControllerSection(String name, Map<String, String> parameters, String origin, int line) {

    public ControllerSection {
        parameters = Map.copyOf(parameters);
    }

    /** What is wrong with the section, at its line, as a space file's error; {@code message} names the key. */
    public SpaceException problem(String message) {
        return new SpaceException(List.of(new Problem(origin, line, "", message)));
    }
}
