package dev.nas.core.storage;

/**
 * A study was not created, opened or read, for a reason the user can act on (no study there, another process holds
 * it, the file is damaged or not a study, the path cannot name one); nothing in it was changed.
 */
public final class StudyRefused extends StorageException {

    public StudyRefused(String message) {
        super(message);
    }

    public StudyRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
