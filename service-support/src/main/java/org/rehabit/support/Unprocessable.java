package org.rehabit.support;

/** The request is well-formed but cannot be processed as sent, e.g. an idempotency key reused for another body (422). */
public class Unprocessable extends RuntimeException {

    public Unprocessable(String message) {
        super(message);
    }
}
