package dev.nas.runs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.storage.StorageContract;
import dev.nas.core.storage.StorageException;
import dev.nas.core.study.StudySpec;
import dev.nas.core.testing.Fakes;
import dev.nas.core.trial.Trial;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study that a search holds open in another process can be read, and is refused to a second writer. */
class SharedStudyTest {

    @TempDir
    Path directory;

    @Test
    void aStudyOpenInAnotherProcessIsReadableButNotWritable() throws Exception {
        Path study = directory.resolve("study");
        StudySpec spec = Fakes.spec("tiny", "random", 4, 5);
        Trial done = StorageContract.completedTrial(0);
        try (SqlStorage storage = new H2StudyLocation(StudyFiles.of(study)).create(spec, Map.of())) {
            storage.claim(claimable -> Optional.of(Trial.start(0, done.candidate(), done.seed(), done.epochs(),
                    done.attributes(),
                    done.started())));
            storage.finish(done, trials -> List.of(0));
        }
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HoldStudy.class.getName(), study.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("open with 1 trial(s)", out.readLine());

            try (SqlStorage reader = new H2StudyLocation(StudyFiles.of(study)).openReadOnly()) {
                assertEquals(spec, reader.spec());
                assertEquals(List.of(done), reader.trials());
            }
            StorageException refused = assertThrows(StorageException.class,
                    () -> new H2StudyLocation(StudyFiles.of(study)).open());
            assertTrue(refused.getMessage().contains("is in use by another process"), refused.getMessage());

            holder.getOutputStream().close();
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder ends when its input closes");
            assertEquals(0, holder.exitValue());
        } finally {
            holder.destroyForcibly();
        }
        try (SqlStorage writer = new H2StudyLocation(StudyFiles.of(study)).open()) {
            assertEquals(List.of(done), writer.trials(), "the refused writer changed nothing");
        }
    }
}
