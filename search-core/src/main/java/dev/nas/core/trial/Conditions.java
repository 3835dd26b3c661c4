package dev.nas.core.trial;

/**
 * What a latency was measured (or predicted) for: device, inference threads, CPU, JVM and numeric backend.
 * Stored beside every figure, since a latency means nothing without them.
 */
public record Conditions(String device, int threads, String cpu, String jvm, String backend) {

    @Override
    public String toString() {
        return device + ", " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + cpu + ", " + jvm + ", "
                + backend;
    }
}
