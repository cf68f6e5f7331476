package org.rehabit.session.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as clients read it.
 *
 * @param patientName the patient's display name, so that an alert list can say whose it is without a lookup
 */
public record AlertView(UUID id, UUID clinicId, UUID patientId, String patientName, AlertRule rule, String detail,
                        UUID sessionId, UUID programId, Alert.Status status, Instant raisedAt, Instant acknowledgedAt,
                        String acknowledgedBy) {

    static AlertView of(Alert a, String patientName) {
        return new AlertView(a.id, a.clinicId, a.patientId, patientName, a.rule, a.detail, a.sessionId, a.programId,
                a.status, a.raisedAt, a.acknowledgedAt, a.acknowledgedBy);
    }
}
