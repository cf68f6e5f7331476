package org.rehabit.session.audit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A request the gateway refused before any service saw it, as the gateway reports it: identifiers and codes only,
 * each checked here (ids are UUIDs, roles and outcomes from fixed sets, lengths capped), so no free text gets into
 * the audit trail whatever is sent.
 *
 * @param at        when the gateway refused it (an ISO-8601 instant in UTC; text, so that no number can be taken
 *                  for a time)
 * @param subject   the token's {@code sub} when the token was valid (a 403), else null
 * @param roles     the token's roles (of Rehabit's four) when the token was valid
 * @param clinicId  the clinic the path named, else the token's
 * @param patientId the patient the path named
 * @param action    the public route's template, e.g. {@code /api/v1/clinics/{clinicId}/dashboard}
 * @param status    401 (no or a bad token) or 403 (the role may not use the route)
 * @param outcome   {@code UNAUTHENTICATED} with 401, {@code DENIED} with 403
 * @param clientAddress the client's IP address as the gateway saw it (optional; anonymous 401s are counted by it)
 */
public record GatewayDenial(
        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z",
                message = "must be an instant in UTC, e.g. 2026-11-24T08:30:00.123Z") String at,
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String requestId,
        @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1-255 visible ASCII characters") String subject,
        @Size(max = 4) List<@NotNull @Pattern(regexp = "patient|physio|clinic-admin|content-editor",
                message = "must be patient, physio, clinic-admin or content-editor") String> roles,
        UUID clinicId,
        UUID patientId,
        @NotNull @Size(max = 100) @Pattern(regexp = "/api/v1(/([a-z][a-z-]*|\\{[A-Za-z]+\\}))+",
                message = "must be a route template such as /api/v1/patients/{id}") String action,
        @NotNull @Pattern(regexp = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS",
                message = "must be an HTTP method") String method,
        @NotNull Integer status,
        @NotNull @Pattern(regexp = "UNAUTHENTICATED|DENIED", message = "must be UNAUTHENTICATED or DENIED")
        String outcome,
        @Pattern(regexp = "[0-9A-Fa-f.:]{2,45}", message = "must be an IP address") String clientAddress) {
}
