package dev.nas.space.yaml;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * How large a space file, and the networks it describes, may be: a hostile or mistyped file is refused with its
 * line before it can take minutes, memory or a stack to read, or describe a network whose costs overflow. The
 * limits sit far above any space a CPU-trained search is for (EfficientNet-B7 has 55 layers in 7 stages, 640
 * channels, 600x600 inputs), and the README lists them.
 */
public final class SpaceLimits {

    /** A space file's size: the shipped ones are 1 to 3 KB. */
    public static final int FILE_BYTES = 1 << 20;
    /** Characters in one line; the YAML reader's time grows with the square of a line's length. */
    public static final int LINE_CHARACTERS = 4096;
    /** Mappings and lists nested in each other; a space needs 5. */
    public static final int NESTING = 32;
    public static final int BLOCKS = 64;
    public static final int LAYERS_PER_BLOCK = 32;
    public static final int FILTERS = 8192;
    public static final int INPUT_SIDE = 4096;
    public static final int INPUT_CHANNELS = 64;
    public static final int CLASSES = 100_000;
    public static final int KERNEL = 15;
    public static final int STRIDE = 8;
    public static final int EXPANSION = 16;
    public static final int BATCH_SIZE = 65_536;
    public static final int EPOCHS = 10_000;
    /** Options in one choice list, and grid points of one range. */
    public static final int CHOICES = 256;

    private SpaceLimits() {
    }

    /** SnakeYAML Engine's own limits: the file size, few aliases (no "billion laughs"), no recursive keys. */
    static LoadSettings settings(String origin) {
        return LoadSettings.builder().setLabel(origin).setCodePointLimit(FILE_BYTES).setMaxAliasesForCollections(20)
                .setAllowRecursiveKeys(false).setAllowDuplicateKeys(false).build();
    }

    /**
     * The problems of {@code yaml} as text, before it is composed: its size, its longest lines, and how deep it
     * nests (counted on the parser's event stream, which needs no stack for depth, unlike composing).
     */
    static List<Problem> check(String yaml, String origin) {
        List<Problem> problems = new ArrayList<>();
        if (yaml.length() > FILE_BYTES) {
            problems.add(new Problem(origin, 0, "", "the file has " + yaml.length() + " characters; a space may have "
                    + "at most " + FILE_BYTES));
            return problems;
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= yaml.length(); i++) {
            if (i == yaml.length() || yaml.charAt(i) == '\n') {
                if (i - start > LINE_CHARACTERS) {
                    problems.add(new Problem(origin, line, "", "the line has " + (i - start) + " characters; a "
                            + "line may have at most " + LINE_CHARACTERS));
                    return problems;
                }
                line++;
                start = i + 1;
            }
        }
        int depth = 0;
        try {
            for (Event event : new Parse(settings(origin)).parseString(yaml)) {
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (++depth > NESTING) {
                            problems.add(new Problem(origin, event.getStartMark().map(m -> m.getLine() + 1)
                                    .orElse(0), "", "nested more than " + NESTING + " levels deep"));
                            return problems;
                        }
                    }
                    case MappingEnd, SequenceEnd -> depth--;
                    default -> { }
                }
            }
        } catch (YamlEngineException e) {
            // malformed: the composer reports it with its line
        }
        return problems;
    }
}
