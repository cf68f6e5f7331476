package org.rehabit.support;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document: what every error of this service looks like on the wire
 * ({@code application/problem+json}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending input: the field's path as the client sent it (e.g. {@code defaultDose.side}), and why. */
    public record FieldError(String field, String message) {
    }
}
