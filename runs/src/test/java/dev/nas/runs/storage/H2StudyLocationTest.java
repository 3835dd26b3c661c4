package dev.nas.runs.storage;

import dev.nas.core.study.StudyLocation;
import dev.nas.core.study.StudyLocationContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2StudyLocationTest extends StudyLocationContract {

    @TempDir
    Path directory;

    @Override
    protected StudyLocation<?> location() {
        return new H2StudyLocation(StudyFiles.of(directory.resolve("study")));
    }
}
