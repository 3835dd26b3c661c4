package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.BadInput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FailuresTest {

    @Command(name = "throws")
    static final class Throws implements Callable<Integer> {
        RuntimeException failure;

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private static String run(RuntimeException failure, int expectedCode) {
        Throws command = new Throws();
        command.failure = failure;
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new Failures());
        assertEquals(expectedCode, line.execute());
        return err.toString();
    }

    @Test
    void badInputEndsWithItsMessageAndExitCode2() {
        assertEquals("nas: --budget must be positive, got -1\nnas: nothing was changed.\n",
                run(new BadInput("--budget must be positive, got -1"), Main.BAD_INPUT));
    }

    @Test
    void aBrokenInvariantIsAFailureOfNasNotBadInput() {
        String err = run(new IllegalArgumentException("an evaluation has at least one epoch"), Main.FAILED);
        assertTrue(err.startsWith("nas: failed: an evaluation has at least one epoch (the full report is in "), err);
        assertTrue(!err.contains("nothing was changed"), err);
    }

    @Test
    void anyOtherFailureEndsWithOneLineAndExitCode3AndItsTraceInAFile() throws Exception {
        String err = run(new UncheckedIOException("cannot write /data/x", new java.io.IOException(
                "No space left on device")), Main.FAILED);
        assertEquals(1, err.lines().count(), err);
        Matcher line = Pattern.compile("nas: failed: cannot write /data/x \\(No space left on device\\) \\(the full "
                + "report is in (.+)\\)").matcher(err.strip());
        assertTrue(line.matches(), err);
        Path report = Path.of(line.group(1));
        String trace = Files.readString(report);
        assertTrue(trace.contains("UncheckedIOException") && trace.contains("\tat "), trace);
        Files.delete(report);
    }
}
