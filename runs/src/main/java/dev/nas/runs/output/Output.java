package dev.nas.runs.output;

import dev.nas.core.io.WholeFile;
import dev.nas.runs.storage.StudyFiles;
import dev.nas.space.BadInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * A file or folder a command writes where the user said ({@code --out}): it never replaces what it did not make.
 * An existing file or non-empty folder is refused unless {@code force}; a study's files and trained networks are
 * refused even then, and a folder is replaced only if it holds an earlier export. What is written appears whole
 * or not at all: a file is renamed into place when complete ({@link WholeFile}), a folder is built under a hidden
 * name beside it and renamed, so an interrupted command leaves nothing that looks finished.
 *
 * @param option the option that named the path, for messages
 */
public record Output(String option, Path path, boolean force) {

    /** Builds a folder's contents in the (empty, new) folder it is given. */
    @FunctionalInterface
    public interface FolderContent {
        void writeTo(Path folder) throws IOException;
    }

    /** Writes {@code content} to the file, after the checks above. */
    public void writeFile(WholeFile.Content content) {
        checkFile();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            WholeFile.write(path, content);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Refuses, before anything is done, a file output that the checks above do not allow. */
    public void checkFile() {
        refuseStudies(path);
        if (Files.isDirectory(path)) {
            throw refused(path + " is a folder; give a file name");
        }
        if (Files.exists(path) && !force) {
            throw refused(path + " exists; give another name, or --force to replace it");
        }
    }

    /** Writes a folder: {@code content} fills a hidden folder beside it, which then takes its place. */
    public void writeFolder(FolderContent content) {
        checkFolder();
        try {
            build(content);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * Why writing failed, in one line: a path the user can change (no permission, a missing or read-only place) is
     * bad input; anything else (a full disk) a failure. Either way nothing was left that looks finished.
     */
    private RuntimeException cannotWrite(IOException e) {
        String where = option + ": cannot write " + path + ": ";
        if (e instanceof AccessDeniedException) {
            return new BadInput(where + "permission denied");
        }
        if (e instanceof FileAlreadyExistsException) {
            return new BadInput(where + "a file stands where a folder is needed");
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new BadInput(where + "cannot create a file there");
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return "Read-only file system".equals(reason) ? new BadInput(where + reason)
                : new UncheckedIOException(where + reason, e);
    }

    private void build(FolderContent content) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path building = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            content.writeTo(building);
            Path replaced = null;
            if (Files.exists(target)) {
                replaced = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(replaced);
                Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
            if (replaced != null) {
                PathUtils.deleteDirectory(replaced);
            }
        } finally {
            if (Files.exists(building)) {
                PathUtils.deleteDirectory(building);
            }
        }
    }

    /** Refuses, before anything is done, a folder output that the checks above do not allow. */
    public void checkFolder() {
        refuseStudies(path);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw refused(path + " is a file; give a folder");
        }
        List<Path> entries = list(path);
        if (entries.isEmpty()) {
            return;
        }
        if (!force) {
            throw refused(path + " exists and is not empty; give a new folder, or --force to replace an earlier "
                    + "export");
        }
        if (!isExport(path) && !entries.stream().allMatch(Output::isExport)) {
            throw refused(path + " does not hold an earlier export (no manifest.json), so --force does not "
                    + "replace it; give a new folder");
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.forEach(Output::refuseStudies);
        } catch (IOException e) {
            throw refused(path + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean isExport(Path folder) {
        return Files.isRegularFile(folder.resolve("manifest.json"));
    }

    private static void refuseStudies(Path path) {
        Optional<String> study = StudyFiles.partOf(path);
        if (study.isPresent()) {
            throw new BadInput(study.get() + "; nas never writes over a study, give another path");
        }
    }

    private BadInput refused(String message) {
        return new BadInput(option + ": " + message);
    }

    private List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        } catch (IOException e) {
            throw refused(folder + " cannot be read: " + e.getMessage());
        }
    }

}
