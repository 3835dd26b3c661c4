package dev.nas.space.yaml;

/** One thing wrong with a space file: where it is and what is wrong. {@code line} is 1-based, 0 if unknown. */
public record Problem(String origin, int line, String key, String message) {

    @Override
    public String toString() {
        return origin + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
