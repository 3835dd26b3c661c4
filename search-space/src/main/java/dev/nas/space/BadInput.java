package dev.nas.space;

/**
 * What the user gave and can correct: a space, data, an option, a device's files, a study to open. Thrown by the
 * checks that run before anything is written, so a command that ends with one has changed nothing; any other
 * exception is a failure of nas itself. An {@link IllegalArgumentException}, so that code checking its arguments
 * handles both alike.
 */
public class BadInput extends IllegalArgumentException {

    public BadInput(String message) {
        super(message);
    }

    public BadInput(String message, Throwable cause) {
        super(message, cause);
    }
}
