package dev.nas.eval.data;

/** Data that cannot be used, with the file and what is wrong with it. */
public final class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
