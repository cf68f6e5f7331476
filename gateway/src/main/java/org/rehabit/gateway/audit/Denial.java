package org.rehabit.gateway.audit;

import java.util.List;

/**
 * A request the gateway refused before any service saw it, as it is delivered to the session-service's audit
 * trail: identifiers and codes only — never the token, a body, or any text a client typed.
 *
 * @param at        when (ISO-8601 instant)
 * @param subject   the token's {@code sub}, when the token was valid (a 403)
 * @param roles     the token's Rehabit roles, when the token was valid
 * @param clinicId  the clinic named in the path, else the token's
 * @param patientId the patient named in the path
 * @param action    the route's template, e.g. {@code /api/v1/clinics/{clinicId}/dashboard}
 * @param status    401 or 403
 * @param outcome   {@code UNAUTHENTICATED} (401) or {@code DENIED} (403)
 * @param clientAddress the client's IP address (the proxy's X-Forwarded-For when it is a trusted proxy): the
 *                  session-service counts anonymous 401s by it, per minute, instead of keeping a row each
 */
public record Denial(String at, String requestId, String subject, List<String> roles, String clinicId,
                     String patientId, String action, String method, int status, String outcome,
                     String clientAddress) {
}
