package dev.nas.runs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nas.space.BadInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {

    @TempDir
    Path directory;

    @Test
    void aPathThatCannotBeWrittenIsTheUsersToChangeInOneLineAndNothingIsLeft() throws Exception {
        Files.writeString(directory.resolve("notes.txt"), "mine");
        Path report = directory.resolve("notes.txt").resolve("report.html");
        BadInput e = assertThrows(BadInput.class, () -> new Output("--out", report, false)
                .writeFile(o -> o.write("<html>".getBytes(StandardCharsets.UTF_8))));
        assertEquals("--out: cannot write " + report + ": a file stands where a folder is needed", e.getMessage());

        Path models = directory.resolve("notes.txt").resolve("models");
        BadInput folder = assertThrows(BadInput.class, () -> new Output("--out", models, false)
                .writeFolder(f -> Files.writeString(f.resolve("model.zip"), "x")));
        assertEquals("--out: cannot write " + models + ": a file stands where a folder is needed",
                folder.getMessage());
        try (var left = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("notes.txt")), left.toList());
        }
        assertEquals("mine", Files.readString(directory.resolve("notes.txt")));
    }
}
