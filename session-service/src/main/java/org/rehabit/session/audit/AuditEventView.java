package org.rehabit.session.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of the audit trail as a clinic admin reads it: when, who (subject and roles), which patient, what (the
 * operation or route, and method), what came of it, and who decided it ({@code session-service} or {@code gateway}).
 */
public record AuditEventView(long id, OffsetDateTime at, String requestId, String subject, List<String> roles,
                             UUID clinicId, UUID patientId, String action, String method, Integer status,
                             String outcome, String decidedBy) {
}
