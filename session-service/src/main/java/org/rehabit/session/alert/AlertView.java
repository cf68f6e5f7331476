package org.rehabit.session.alert;

import java.time.Instant;
import java.util.UUID;

/** An alert as clients read it. */
public record AlertView(UUID id, UUID clinicId, UUID patientId, AlertRule rule, String detail, UUID sessionId,
                        UUID programId, Alert.Status status, Instant raisedAt, Instant acknowledgedAt,
                        String acknowledgedBy) {

    static AlertView of(Alert a) {
        return new AlertView(a.id, a.clinicId, a.patientId, a.rule, a.detail, a.sessionId, a.programId, a.status,
                a.raisedAt, a.acknowledgedAt, a.acknowledgedBy);
    }
}
