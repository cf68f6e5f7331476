package org.rehabit.session.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.rehabit.session.common.RequestFingerprint;
import org.rehabit.session.identity.Caller;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.Unprocessable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Creating requests made safe to retry with an optional {@code Idempotency-Key} header, by the same rules as session
 * logs: a retry with the same key and the same request gets the first answer back (same status, Location, ETag and
 * body, header {@code Idempotent-Replayed: true}) and creates nothing; the same key with another request is refused
 * (422); a copy racing the first one waits for it and gets its answer. Keys belong to their caller (clinic and
 * subject). A request that failed (4xx, 5xx) stores nothing: its retry is tried afresh.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** What every creating operation's description says of the header (one sentence, the same everywhere). */
    public static final String DESCRIPTION = "An optional Idempotency-Key header (1-128 visible ASCII characters) "
            + "makes a retry safe: the same key and body answer the first answer again (header Idempotent-Replayed: "
            + "true); the same key with another body is refused (422).";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final String KEY_CONSTRAINT = "idempotent_request_key";

    private final IdempotentRequestRepository requests;
    private final ObjectMapper json;
    private final Clock clock;

    public Idempotency(IdempotentRequestRepository requests, ObjectMapper json, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code create} (which answers 2xx with an entity, or throws) once per key: {@code operation} names what
     * is created and where (e.g. {@code "assign-program " + patientId}), {@code request} is the request as read.
     * Without a key, {@code create} simply runs.
     */
    public Response once(Caller caller, String key, String operation, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw InvalidInput.of(HEADER, "must be 1-128 visible ASCII characters");
        }
        String hash = RequestFingerprint.of(operation, request);
        try {
            return QuarkusTransaction.requiringNew().call(() -> attempt(caller, key, hash, create));
        } catch (Raced raced) {
            return QuarkusTransaction.requiringNew().call(() -> attempt(caller, key, hash, create));
        }
    }

    /**
     * The key's row is inserted first, so that a copy racing this request is held by PostgreSQL on the unique key
     * until this one commits (or rolls back), then finds the answer.
     */
    private Response attempt(Caller caller, String key, String hash, Supplier<Response> create) {
        var earlier = requests.find(caller.clinicId(), caller.subject(), key);
        if (earlier.isPresent()) {
            return replay(earlier.get(), key, hash);
        }
        IdempotentRequest row = new IdempotentRequest(caller.clinicId(), caller.subject(), key, hash,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            requests.persistAndFlush(row);
        } catch (PersistenceException e) {
            if (isKeyTaken(e)) {
                throw new Raced(e);
            }
            throw e;
        }
        Response answer = create.get();
        row.status = answer.getStatus();
        row.location = answer.getLocation() == null ? null : answer.getLocation().toString();
        EntityTag tag = answer.getEntityTag();
        row.etag = tag == null ? null : tag.toString();
        try {
            row.body = answer.hasEntity() ? json.writeValueAsString(answer.getEntity()) : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot keep the answer to an idempotent request", e);
        }
        return Response.fromResponse(answer).header(REPLAYED, "false").build();
    }

    private static Response replay(IdempotentRequest earlier, String key, String hash) {
        if (!earlier.requestHash.equals(hash)) {
            throw new Unprocessable("Idempotency-Key '" + key + "' was already used for a different request; use a "
                    + "new key for a new request.");
        }
        Response.ResponseBuilder answer = Response.status(earlier.status).header(REPLAYED, "true");
        if (earlier.location != null) {
            answer.location(URI.create(earlier.location));
        }
        if (earlier.etag != null) {
            answer.header(HttpHeaders.ETAG, earlier.etag);
        }
        if (earlier.body != null) {
            answer.entity(earlier.body.getBytes(StandardCharsets.UTF_8)).type(MediaType.APPLICATION_JSON);
        }
        return answer.build();
    }

    private static boolean isKeyTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && KEY_CONSTRAINT.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }


    /** The key was stored by a concurrent request, which has committed by the time this is thrown. */
    private static final class Raced extends RuntimeException {
        Raced(Throwable cause) {
            super("Idempotency-Key taken by a concurrent request", cause, false, false);
        }
    }
}
