package dev.nas.latency;

import dev.nas.core.trial.Conditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Describes the machine a latency is measured on. */
public final class Machine {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private Machine() {
    }

    /** This machine, running inference with {@code threads} threads on {@code backend}. */
    public static Conditions conditions(int threads, String backend) {
        return new Conditions("this machine", threads, cpu(), "Java " + Runtime.version() + " ("
                + System.getProperty("java.vm.name") + ")", backend);
    }

    /** The CPU model, from /proc/cpuinfo where there is one. */
    public static String cpu() {
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .map(model -> model + " x" + Runtime.getRuntime().availableProcessors())
                    .orElseGet(Machine::arch);
        } catch (IOException | RuntimeException e) {
            return arch();
        }
    }

    private static String arch() {
        return System.getProperty("os.arch") + " x" + Runtime.getRuntime().availableProcessors();
    }
}
