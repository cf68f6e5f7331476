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

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
