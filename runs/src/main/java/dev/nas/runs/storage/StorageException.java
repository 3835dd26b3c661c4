package dev.nas.runs.storage;

/** The study database cannot be opened, read or written; the message says which file and why. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
