package dev.nas.core.storage;

/**
 * A study could not be read or written (a disk, permission or database failure); the message says which
 * file and why. {@link StudyRefused} is the kind the user can act on.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
