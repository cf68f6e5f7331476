package org.rehabit.session.common;

import org.rehabit.support.InvalidInput;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Days from query parameters, parsed here rather than by JAX-RS, which answers an unparseable query parameter
 * with 404 instead of saying which parameter is wrong.
 */
public final class QueryDates {

    private QueryDates() {
    }

    /** The day in {@code value}, null when absent; a 400 naming {@code name} when it is not a date. */
    public static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(name, "must be a date as yyyy-mm-dd");
        }
    }
}
