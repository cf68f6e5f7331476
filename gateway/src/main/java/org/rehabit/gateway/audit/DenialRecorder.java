package org.rehabit.gateway.audit;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rehabit.support.RequestIds;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Notices the denials the gateway decides itself on a route of patient data — no or a bad token (401), a role
 * that may not use the route (403) — and hands them to the {@link DenialShipper}; those requests never reach the
 * session-service, whose audit trail records every other attempt. Answers that came from a service (its own 401
 * or 403, passed through) are that service's to record; only the gateway's own security refusals are taken here.
 */
public class DenialRecorder {

    /** The routes that read or write patient data: a denial on any of them belongs in the audit trail. */
    public static final List<String> PATIENT_DATA = List.of("/api/v1/patients", "/api/v1/clinics/", "/api/v1/alerts/",
            "/api/v1/me");
    private static final Set<String> ROLES = Set.of("patient", "physio", "clinic-admin", "content-editor");
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    private final DenialShipper shipper;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public DenialRecorder(DenialShipper shipper, JsonWebToken token, SecurityIdentity identity) {
        this.shipper = shipper;
        this.token = token;
        this.identity = identity;
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
                           Throwable error, HttpServerRequest http) {
        int status = response.getStatus();
        if (error == null || (status != 401 && status != 403) || resource == null
                || resource.getResourceMethod() == null || !decidedHere(error)) {
            return;
        }
        String action = template(resource.getResourceClass(), resource.getResourceMethod());
        if (PATIENT_DATA.stream().noneMatch(action::startsWith)) {
            return;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String requestId = RequestIds.idOf(request);
        if (requestId == null) {
            // refused before the request-id filter ran: give it one, so that the client can name it in the trail
            requestId = UUID.randomUUID().toString();
            response.getHeaders().putSingle(RequestIds.HEADER, requestId);
        }
        shipper.record(denial(action, request.getMethod(), path::getFirst, status, token, identity, requestId,
                address(http)));
    }

    /**
     * A refused request on patient data as the audit trail takes it, the same whether a resource or a route handler
     * refused it: who asked only for a 403 (the token was valid, so who it was is known); the clinic the path names,
     * else the token's; the patient the path names ({@code patientId}, or {@code id} under
     * {@code /api/v1/patients/{id}}).
     */
    public static Denial denial(String action, String method, Function<String, String> pathParameter, int status,
                                JsonWebToken token, SecurityIdentity identity, String requestId, String address) {
        boolean denied = status == 403 && token != null && identity != null;
        String tokenClinic = denied ? uuid(claim(token, "clinic_id")) : null;
        String pathClinic = uuid(pathParameter.apply("clinicId"));
        String patient = uuid(pathParameter.apply("patientId"));
        if (patient == null && action.startsWith("/api/v1/patients/{id}")) {
            patient = uuid(pathParameter.apply("id"));
        }
        return new Denial(Instant.now().toString(), requestId, denied ? subjectOf(token) : null,
                denied ? rolesOf(identity) : null, pathClinic != null ? pathClinic : tokenClinic, patient, action,
                method, status, status == 403 ? "DENIED" : "UNAUTHENTICATED", address);
    }

    /** The client's IP address (as forwarded by a trusted proxy), or null when there is none to tell. */
    public static String address(HttpServerRequest http) {
        if (http == null || http.remoteAddress() == null) {
            return null;
        }
        String host = http.remoteAddress().hostAddress();
        return host != null && host.matches("[0-9A-Fa-f.:]{2,45}") ? host : null;
    }

    /** Whether a denial on the route of this template belongs in the audit trail. */
    public static boolean onPatientData(String template) {
        return PATIENT_DATA.stream().anyMatch(template::startsWith);
    }

    /** The subject as the audit trail takes it (1-255 visible ASCII characters), or null. */
    public static String subjectOf(JsonWebToken token) {
        String subject = token == null ? null : token.getSubject();
        // the session-service takes 1-255 visible ASCII characters: anything else is left out rather than lost
        return subject != null && subject.matches("[\\x21-\\x7E]{1,255}") ? subject : null;
    }

    /** The Rehabit roles of an identity, sorted. */
    public static List<String> rolesOf(SecurityIdentity identity) {
        return identity.getRoles().stream().filter(ROLES::contains).sorted().toList();
    }

    private static boolean decidedHere(Throwable error) {
        return error instanceof UnauthorizedException || error instanceof AuthenticationFailedException
                || error instanceof AuthenticationCompletionException || error instanceof ForbiddenException;
    }

    /** The route's template, e.g. {@code /api/v1/patients/{id}/sessions}, from the resource's annotations. */
    static String template(Class<?> resourceClass, Method method) {
        return TEMPLATES.computeIfAbsent(method, m -> {
            Path type = resourceClass.getAnnotation(Path.class);
            Path own = m.getAnnotation(Path.class);
            String joined = (type == null ? "" : "/" + type.value()) + (own == null ? "" : "/" + own.value());
            // a parameter's regular expression is no part of the name: {action: pause|resume} is {action}
            String normalised = joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
            return normalised.length() > 1 && normalised.endsWith("/")
                    ? normalised.substring(0, normalised.length() - 1) : normalised;
        });
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }

    public static String uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
