package org.rehabit.session.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as clients read it: a group of occurrences of one rule for one patient.
 *
 * @param patientName      the patient's display name, so that an alert list can say whose it is without a lookup
 * @param detail           the latest occurrence's detail (sessionId and programId are the latest occurrence's too)
 * @param raisedAt         when the group was opened (its first occurrence)
 * @param occurrenceCount  how many times the rule fired while the alert was open
 * @param lastRaisedAt     the latest occurrence
 * @param occurrences      each occurrence, newest first
 * @param acknowledgedNote what the physio wrote when acknowledging, if anything
 */
public record AlertView(UUID id, UUID clinicId, UUID patientId, String patientName, AlertRule rule, String detail,
                        UUID sessionId, UUID programId, Alert.Status status, Instant raisedAt, Instant acknowledgedAt,
                        String acknowledgedBy, int occurrenceCount, Instant lastRaisedAt,
                        List<Occurrence> occurrences, String acknowledgedNote) {

    /** One firing of the rule: when, what, and the session it came from (none for inactivity). */
    public record Occurrence(Instant raisedAt, String detail, UUID sessionId) {
    }

    static AlertView of(Alert a, String patientName, List<Occurrence> occurrences) {
        return new AlertView(a.id, a.clinicId, a.patientId, patientName, a.rule, a.detail, a.sessionId, a.programId,
                a.status, a.raisedAt, a.acknowledgedAt, a.acknowledgedBy, a.occurrences, a.lastRaisedAt,
                occurrences == null ? List.of() : occurrences, a.acknowledgedNote);
    }
}
