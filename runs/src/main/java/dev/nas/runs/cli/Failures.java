package dev.nas.runs.cli;

import dev.nas.core.storage.StudyRefused;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * How a command that threw ends: bad input with its message and exit code 2 ("nothing was changed": every check
 * runs before anything is written); any other failure with one line and exit code 3, its full report written to a
 * file the line names. Never a stack trace on the terminal.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (isBadInput(e)) {
            err.println("nas: " + e.getMessage());
            err.println("nas: nothing was changed.");
            return Main.BAD_INPUT;
        }
        err.println("nas: failed: " + oneLine(e) + report(e));
        return Main.FAILED;
    }

    /**
     * What the user gave and can correct: a space, data, a study, an option or an output path. Any other exception,
     * an {@link IllegalArgumentException} from a broken invariant included, is a failure of nas.
     */
    static boolean isBadInput(Throwable e) {
        return e instanceof BadInput || e instanceof StudyRefused;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return e.getCause() != null && e.getCause().getMessage() != null && !message.contains(
                e.getCause().getMessage().lines().findFirst().orElse("")) ? message + " (" + oneLine(e.getCause())
                + ")" : message;
    }

    /** Writes the full trace where the user can send it; says where, or that it could not. */
    private static String report(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        try {
            Path file = Files.createTempFile("nas-failure-", ".log");
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            return " (the full report is in " + file + ")";
        } catch (IOException | RuntimeException cannot) {
            return " (the full report could not be written: " + cannot.getMessage() + ")";
        }
    }
}
