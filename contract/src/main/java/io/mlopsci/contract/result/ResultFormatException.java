package io.mlopsci.contract.result;

import java.io.IOException;

/** A file that should be a result.json is missing, unreadable or not the contract; the message says which. */
public final class ResultFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ResultFormatException(String message) {
        super(message);
    }

    public ResultFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
