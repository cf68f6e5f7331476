package org.rehabit.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where failures become RFC 9457 problem+json answers, the same in every Rehabit service:
 * domain exceptions, validation, unreadable JSON, security, and the framework's own HTTP errors. Nothing
 * here echoes class names or stack traces.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_PREFIX = "urn:rehabit:problem:";

    @ServerExceptionMapper
    public Response notFound(NotFound e, UriInfo uri) {
        return problem(Response.Status.NOT_FOUND, "not-found", "Not found", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, "conflict", "Conflict", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response staleRevision(StaleRevision e, UriInfo uri) {
        return e.isMissing()
                ? problem(428, "precondition-required", "If-Match required", e.getMessage(), uri, List.of())
                : problem(Response.Status.PRECONDITION_FAILED.getStatusCode(), "stale-revision",
                        "Edited from an old copy", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unprocessable(Unprocessable e, UriInfo uri) {
        return problem(422, "unprocessable", "Unprocessable request", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                        "Temporarily unavailable", e.getMessage(), uri, List.of()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    /**
     * quarkus-oidc could not use the identity provider (unreachable since this service started, say, so its signing
     * keys were never fetched): a token cannot be checked either way, so 503 with Retry-After, as for any service this
     * one depends on, not an internal error with an incident.
     */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e, UriInfo uri) {
        return unavailable(new Unavailable("Sign-ins cannot be checked right now: the identity provider cannot be "
                + "reached. Try again shortly.", 5, e), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(Response.Status.UNAUTHORIZED, "unauthenticated",
                        "Authentication required", "Send a valid bearer token.", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                "Your role does not allow this operation.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response refused(Refused e, UriInfo uri) {
        return problem(Response.Status.FORBIDDEN, e.type(), "Forbidden", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInput e, UriInfo uri) {
        return validation(e.errors(), uri);
    }

    @ServerExceptionMapper
    public Response violation(ResteasyReactiveViolationException e, UriInfo uri) {
        return constraintViolation(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return validation(errors, uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return validation(List.of(new Problem.FieldError(pathOf(e), "is not a known field")), uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String message;
        if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(e.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else {
            message = "must be " + describe(e.getTargetType());
        }
        return validation(List.of(new Problem.FieldError(pathOf(e), message)), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return problem(Response.Status.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                    "The request body is not the JSON object this operation expects.", uri, List.of());
        }
        return validation(List.of(new Problem.FieldError(field, "must be " + describe(e.getTargetType()))), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(Response.Status.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "The request body is not valid JSON" + where + ".", uri, List.of());
    }

    @ServerExceptionMapper
    public Response concurrentEdit(OptimisticLockException e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, "concurrent-edit", "Changed concurrently",
                "Someone else changed this resource at the same moment; read it again and retry.", uri, List.of());
    }

    /**
     * A database constraint refused the write (e.g. a unique key raced by two requests): a conflict with what
     * exists, not a server fault. A value the database cannot hold at all (SQL state class 22, e.g. a NUL
     * character in a text, which PostgreSQL refuses) is the client's bad input. Any other persistence failure is
     * unexpected.
     */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().startsWith("23")) {
                    return problem(Response.Status.CONFLICT, "conflict", "Conflict",
                            "The request conflicts with data that exists already.", uri, List.of());
                }
                if (sql.getSQLState().startsWith("22")) {
                    return problem(Response.Status.BAD_REQUEST, "unstorable-value", "Invalid request",
                            "A value in the request cannot be stored (for example a NUL character in a text, or a "
                                    + "number or date out of range).", uri, List.of());
                }
            }
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // Quarkus's JSON reader wraps syntax errors in a bare 400; answer them like every unreadable body
            return unreadableJson(unreadable, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e, uri);
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No resource at " + uri.getPath() + ".";
            case 405 -> "This resource does not support that method.";
            case 406 -> "This resource answers with application/json only.";
            case 415 -> "Send the request body as application/json.";
            default -> status.getReasonPhrase();
        };
        Response.ResponseBuilder builder = Response.fromResponse(problem(status.getStatusCode(),
                slug(status.getReasonPhrase()), status.getReasonPhrase(), detail, uri, List.of()));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (databaseUnreachable(e)) {
            return unavailable(new Unavailable("The database is unavailable right now. Try again shortly.", 5, e), uri);
        }
        if (clientClosed(e)) {
            // the caller hung up while its body was still coming: no fault here, and nobody reads this answer
            LOG.infof("%s: the client closed the connection before its request was read whole", uri.getPath());
            return problem(Response.Status.BAD_REQUEST, "incomplete-request", "Incomplete request",
                    "The connection closed before the whole request arrived; nothing was stored.", uri, List.of());
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s (incident %s)", uri.getPath(), incident);
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request could not be completed; the failure was logged as incident " + incident + ".", uri,
                List.of());
    }

    /** Reading the request failed because its connection closed (the client, or the gateway for it, hung up). */
    static boolean clientClosed(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached (no connection in time, connection lost, server shutting down or starting): an
     * outage the client may wait out (503), not a fault in this request (500). SQL states: class 08 (connection
     * exception), 57P01-57P03 (PostgreSQL shutting down or not accepting connections yet).
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Response validation(List<Problem.FieldError> errors, UriInfo uri) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid: see errors.";
        return problem(Response.Status.BAD_REQUEST, "validation", "Invalid request", detail, uri, errors);
    }

    private static Response problem(Response.Status status, String type, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        return problem(status.getStatusCode(), type, title, detail, uri, errors);
    }

    private static Response problem(int status, String type, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + type, title, status, detail, uri.getPath(), errors))
                .build();
    }

    private static String slug(String phrase) {
        return phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /** The JSON path of a body field, e.g. {@code steps[2].role}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The client's name for a violated constraint: body fields as their JSON path ({@code steps[0].role}),
     * query and path parameters by their name ({@code size}); the Java method and body-parameter names drop out.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            boolean lastParameter = node.getKind() == ElementKind.PARAMETER && i == nodes.size() - 1;
            boolean named = node.getKind() == ElementKind.PROPERTY || lastParameter;
            if (named && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "request" : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date-time with offset (e.g. 2026-11-24T08:30:00+01:00)";
        }
        if (type == java.util.UUID.class) {
            return "an id (UUID)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "an object";
    }
}
