package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.BadInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyAddressTest {

    @TempDir
    Path directory;

    @Test
    void aPathIsAFileStudyAUrlOrANamedConnectionAServerStudy() throws Exception {
        assertEquals(StudyFiles.of(Path.of("runs/night")), StudyAddress.of("runs/night.mv.db"));
        ServerStudy server = assertInstanceOf(ServerStudy.class,
                StudyAddress.of("jdbc:postgresql://db.lab:5432/night?sslmode=verify-full"));
        assertEquals("night", server.name());

        Path file = directory.resolve("connections.properties");
        Files.writeString(file, "# the team's studies\nnight = jdbc:postgresql://db.lab/night\n");
        assertEquals("jdbc:postgresql://db.lab/night", StudyAddress.named("night", file));
        BadInput unknown = assertThrows(BadInput.class, () -> StudyAddress.named("day", file));
        assertTrue(unknown.getMessage().contains("names no connection 'day' (it has: night)"), unknown.getMessage());
        BadInput missing = assertThrows(BadInput.class, () -> StudyAddress.named("day", directory.resolve("none")));
        assertTrue(missing.getMessage().contains("cannot read the connections file"), missing.getMessage());
    }

    @Test
    void aUrlOfAnotherDatabaseOrWithAPasswordIsRefused() {
        BadInput other = assertThrows(BadInput.class, () -> StudyAddress.of("jdbc:mysql://db.lab/night"));
        assertTrue(other.getMessage().contains("jdbc:postgresql://HOST[:PORT]/DATABASE"), other.getMessage());
        BadInput secret = assertThrows(BadInput.class,
                () -> StudyAddress.of("jdbc:postgresql://db.lab/night?user=nas&password=hunter2"));
        assertTrue(secret.getMessage().contains("holds a password") && !secret.getMessage().contains("hunter2"),
                secret.getMessage());
    }
}
