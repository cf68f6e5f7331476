package org.rehabit.support;

/** Something the client named does not exist (answered with 404). */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
