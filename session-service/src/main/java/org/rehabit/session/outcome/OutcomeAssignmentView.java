package org.rehabit.session.outcome;

import org.rehabit.support.outcome.Direction;

import java.time.Instant;
import java.util.UUID;

/**
 * An assignment as clients read it: the pinned instrument version, its score's range, direction and MCID, the
 * schedule, and what is due: {@code nextDueAt} (null when nothing is due by date: answered at intake, at discharge
 * before the patient is discharged or answered since, or cancelled) and {@code due} (that time has come).
 */
public record OutcomeAssignmentView(UUID id, UUID patientId, String instrument, int version, String name,
                                    String abbreviation, int items, Direction direction, double min, double max,
                                    Double mcid, OutcomeSchedule schedule, Integer everyWeeks,
                                    OutcomeAssignment.Status status, Instant assignedAt, String assignedBy,
                                    Instant cancelledAt, String cancelledBy, int responses, Instant lastAnsweredAt,
                                    Instant nextDueAt, boolean due) {

    static OutcomeAssignmentView of(OutcomeAssignment a, OutcomeResponseRepository.Answered answered,
                                    Instant dischargedAt, Instant now) {
        Instant next = nextDue(a, answered, dischargedAt);
        return new OutcomeAssignmentView(a.id, a.patientId, a.instrumentSlug, a.instrumentVersion, a.instrumentName,
                a.abbreviation, a.items.size(), a.scoring.direction(), a.scoring.min(), a.scoring.max(), a.mcid,
                a.schedule, a.everyWeeks, a.status, a.assignedAt, a.assignedBy, a.cancelledAt, a.cancelledBy,
                answered.count(), answered.last(), next, next != null && !next.isAfter(now));
    }

    /**
     * At intake: due when assigned, until answered. Every N weeks: due when assigned, then N weeks after the latest
     * response. At discharge: due when the patient is discharged, until answered after that (answers before it are
     * the patient's own choice and do not count as the discharge one). Nothing is due on a cancelled assignment.
     */
    static Instant nextDue(OutcomeAssignment a, OutcomeResponseRepository.Answered answered, Instant dischargedAt) {
        if (a.status != OutcomeAssignment.Status.ACTIVE) {
            return null;
        }
        return switch (a.schedule) {
            case INTAKE -> answered.count() == 0 ? a.assignedAt : null;
            case EVERY_N_WEEKS -> answered.count() == 0 ? a.assignedAt
                    : answered.last().plus(java.time.Duration.ofDays(7L * a.everyWeeks));
            case DISCHARGE -> dischargedAt == null || (answered.last() != null && answered.last().isAfter(dischargedAt))
                    ? null : dischargedAt;
        };
    }
}
