package org.rehabit.session.audit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.support.Problem;
import org.rehabit.support.RequestIds;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records every request to the service's API in the audit trail, with its answer: reads, refusals and denials
 * here, as the answer leaves; a write that commits a change is recorded inside that transaction by
 * {@link AuditTransactions} (so it is never committed without its row) and not again here. Anonymous 401s are
 * counted per client address and minute ({@link AnonymousAttempts}), not written one by one. The gateway's own
 * denials arrive through {@link GatewayDenialResource}; only refused deliveries of those are recorded here. If the row cannot be
 * written, the client gets a 503 instead of the answer: nothing is acknowledged without its audit entry.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    private final AuditRequest audit;
    private final AuditLog log;
    private final AnonymousAttempts anonymous;
    private final CurrentCaller caller;

    public AuditFilter(AuditRequest audit, AuditLog log, AnonymousAttempts anonymous, CurrentCaller caller) {
        this.audit = audit;
        this.log = log;
        this.anonymous = anonymous;
        this.caller = caller;
    }

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource != null && resource.getResourceClass() != null && !isIngest(resource)) {
            audit.begin(describe(request, resource));
        }
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response,
                           SimpleResourceInfo resource, HttpServerRequest http) {
        if (audit.recorded()) {
            return;
        }
        AuditEntry entry = audit.entry();
        if (entry == null) {
            if (resource == null || resource.getResourceClass() == null) {
                return; // no operation of this service (e.g. an unknown path): no patient data involved
            }
            if (isIngest(resource) && response.getStatus() < 400) {
                return; // accepted gateway denials: the rows just written are the record
            }
            entry = describe(request, resource);
        }
        if (response.getStatus() == 401 && entry.subject() == null) {
            // anonymous: counted per address and minute, not a row each (AnonymousAttempts)
            anonymous.count(null, http == null || http.remoteAddress() == null ? null
                    : http.remoteAddress().hostAddress(), entry.action(), entry.httpMethod(), entry.decidedBy());
            audit.markRecorded();
            return;
        }
        try {
            log.append(entry.answered(response.getStatus(), audit.rolledBack()));
            audit.markRecorded();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not write the audit entry of %s %s", entry.httpMethod(), entry.action());
            response.setStatus(503);
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, "5");
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            response.setEntity(new Problem("urn:rehabit:problem:unavailable", "Temporarily unavailable", 503,
                    "The request could not be recorded; try again shortly.", request.getUriInfo().getPath(),
                    List.of()));
        }
    }

    private AuditEntry describe(ContainerRequestContext request, SimpleResourceInfo resource) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        Optional<Caller> who = callerIfAny();
        String resourceName = resource.getResourceClass().getSimpleName().replace("Resource", "");
        UUID patient = uuid(path.getFirst("patientId"))
                .or(() -> resourceName.equals("Patient") ? uuid(path.getFirst("id")) : Optional.empty())
                .or(() -> who.flatMap(Caller::patientId))
                .orElse(null);
        UUID clinic = uuid(path.getFirst("clinicId")).or(() -> who.map(Caller::clinicId)).orElse(null);
        return new AuditEntry(null, RequestIds.idOf(request),
                who.map(c -> truncate(c.subject(), 255)).orElse(null),
                who.map(c -> truncate(String.join(",", new java.util.TreeSet<>(c.roles())), 100)).orElse(null),
                clinic, patient, truncate(resourceName + "." + resource.getMethodName(), 100),
                request.getMethod(), null, "COMMITTED", AuditEntry.SESSION_SERVICE, null, 1);
    }

    /** The gateway's ingest of its denials: not a client's access to patient data, but refusals of it are audited. */
    private static boolean isIngest(SimpleResourceInfo resource) {
        return resource.getResourceClass() == GatewayDenialResource.class;
    }

    private Optional<Caller> callerIfAny() {
        try {
            return Optional.of(caller.get());
        } catch (RuntimeException unauthenticatedOrNoClinic) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
