package org.rehabit.session.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One audited request: who (token subject and roles), what (the operation and HTTP method), which clinic and
 * patient, and what came of it. Identifiers and codes only — never a body or any text a client typed.
 *
 * @param at        when it was decided, or null for the database's time of the insert (this service's own rows)
 * @param status    the HTTP status, or null for a write recorded inside its transaction (before the answer exists)
 * @param outcome   {@code COMMITTED} (a write, recorded in the transaction that changed something),
 *                  {@code ROLLED_BACK} (a write whose transaction was undone), {@code OK}, {@code UNAUTHENTICATED},
 *                  {@code DENIED}, {@code NOT_FOUND}, {@code REFUSED} (other 4xx) or {@code FAILED} (5xx)
 * @param decidedBy {@link #SESSION_SERVICE} or {@link #GATEWAY}: which of them decided the answer
 * @param clientAddress the client's address: kept for anonymous attempts only (counted per address and minute)
 * @param occurrences how many requests the row stands for (1 but for anonymous attempts)
 */
public record AuditEntry(Instant at, String requestId, String subject, String roles, UUID clinicId, UUID patientId,
                         String action, String httpMethod, Integer status, String outcome, String decidedBy,
                         String clientAddress, int occurrences) {

    public static final String SESSION_SERVICE = "session-service";
    public static final String GATEWAY = "gateway";

    /** Every outcome a row can have (the table's CHECK constraint lists the same), as the clinic view filters them. */
    static final Set<String> OUTCOMES = Set.of("COMMITTED", "ROLLED_BACK", "OK", "UNAUTHENTICATED", "DENIED",
            "NOT_FOUND", "REFUSED", "FAILED");

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

    /**
     * The entry as answered with {@code httpStatus}; {@code rolledBack}: a transaction of this (write) request was
     * undone, so nothing of it was kept (a 401, 403 or 404 keeps its own outcome).
     */
    AuditEntry answered(int httpStatus, boolean rolledBack) {
        String outcome = rolledBack && httpStatus >= 400 && httpStatus != 401 && httpStatus != 403 && httpStatus != 404
                ? "ROLLED_BACK" : outcomeOf(httpStatus);
        return new AuditEntry(at, requestId, subject, roles, clinicId, patientId, action, httpMethod, httpStatus,
                outcome, decidedBy, clientAddress, occurrences);
    }

    /** The same entry about {@code patient} (e.g. the patient a registration has just created). */
    AuditEntry about(UUID patient) {
        return new AuditEntry(at, requestId, subject, roles, clinicId, patient, action, httpMethod, status, outcome,
                decidedBy, clientAddress, occurrences);
    }
}
