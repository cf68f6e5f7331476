package org.rehabit.support;

import java.util.List;

/** Input that is well-formed but wrong, field by field (answered with 400). */
public class InvalidInput extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidInput(List<Problem.FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new Problem.FieldError(field, message)));
    }

    /** An optional id in a query parameter: null when absent or blank, a 400 naming the field when no UUID. */
    public static java.util.UUID optionalId(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw of(field, "must be an id (UUID)");
        }
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
