package dev.nas.core.controller;

import dev.nas.core.controller.grid.GridSearch;
import dev.nas.core.controller.random.RandomSearch;
import java.util.List;

/** The controllers a study can be run with, by name. */
public final class Controllers {

    public static final List<String> NAMES = List.of("random", "grid");

    private Controllers() {
    }

    /** The controller called {@code name}; throws {@link IllegalArgumentException} naming the known ones. */
    public static Controller create(String name) {
        return switch (name) {
            case "random" -> new RandomSearch();
            case "grid" -> new GridSearch();
            default -> throw new IllegalArgumentException("unknown controller '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
