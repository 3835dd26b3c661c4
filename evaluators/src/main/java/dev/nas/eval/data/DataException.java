package dev.nas.eval.data;

import dev.nas.space.BadInput;

/** Data that cannot be used, with the file and what is wrong with it. */
public final class DataException extends BadInput {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
