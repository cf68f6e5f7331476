package org.rehabit.session.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.support.InvalidInput;

import java.util.Set;

/**
 * Where the gateway delivers the denials it decided itself (no or a bad token, a role that may not use a route), so
 * that they land in the audit trail with every other attempt. Internal: the gateway never routes it; the caller
 * proves itself with the shared ingest key in {@value IngestKey#HEADER}, not with a user's token.
 */
@Path("/audit/gateway-denials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class GatewayDenialResource {

    private final AuditService service;
    private final IngestKey key;
    private final ObjectReader reader;
    private final Validator validator;

    public GatewayDenialResource(AuditService service, IngestKey key, ObjectMapper json, Validator validator) {
        this.service = service;
        this.key = key;
        // strict: a field no denial has (say, a note) refuses the batch rather than being dropped silently
        this.reader = json.readerFor(GatewayDenials.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a batch of the gateway's denials (internal; needs the audit ingest key)",
            description = "Each denial: at, requestId, subject and roles (valid tokens only), clinicId, patientId, "
                    + "action (the route template), method, status 401 or 403, outcome UNAUTHENTICATED or DENIED. "
                    + "All or none are stored (204).")
    public void ingest(@HeaderParam(IngestKey.HEADER) String presented, String body) throws JsonProcessingException {
        // the key first: a caller without it learns nothing, not even whether its body would have been valid
        if (!key.accepts(presented)) {
            throw new UnauthorizedException();
        }
        if (body == null || body.isBlank()) {
            throw InvalidInput.of("denials", "must not be empty");
        }
        GatewayDenials batch = reader.readValue(body);
        if (batch == null) {
            throw InvalidInput.of("denials", "must not be empty");
        }
        Set<ConstraintViolation<GatewayDenials>> violations = validator.validate(batch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        service.recordGatewayDenials(batch.denials());
    }
}
