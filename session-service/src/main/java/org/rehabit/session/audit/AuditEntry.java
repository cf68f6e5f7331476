package org.rehabit.session.audit;

import java.util.UUID;

/**
 * One audited request: who (token subject and roles), what (the operation and HTTP method), which clinic and
 * patient, and what came of it. Identifiers and codes only — never a body or any text a client typed.
 *
 * @param status  the HTTP status, or null for a write recorded inside its transaction (before the answer exists)
 * @param outcome {@code COMMITTED} (a write, recorded in its own transaction), {@code OK}, {@code UNAUTHENTICATED},
 *                {@code DENIED}, {@code NOT_FOUND}, {@code REFUSED} (other 4xx) or {@code FAILED} (5xx)
 */
public record AuditEntry(String requestId, String subject, String roles, UUID clinicId, UUID patientId,
                         String action, String httpMethod, Integer status, String outcome) {

    static String outcomeOf(int status) {
        if (status < 400) {
            return "OK";
        }
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "DENIED";
            case 404 -> "NOT_FOUND";
            default -> status >= 500 ? "FAILED" : "REFUSED";
        };
    }

    AuditEntry answered(int httpStatus) {
        return new AuditEntry(requestId, subject, roles, clinicId, patientId, action, httpMethod, httpStatus,
                outcomeOf(httpStatus));
    }
}
