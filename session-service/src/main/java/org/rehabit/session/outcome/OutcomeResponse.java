package org.rehabit.session.outcome;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One set of answers to an assigned instrument, with its score by the pinned rule, or none and the reason. */
@Entity
@Table(name = "outcome_response")
public class OutcomeResponse {

    @Id
    UUID id;

    @Column(name = "assignment_id", nullable = false)
    UUID assignmentId;

    /** 1 for the assignment's first response, and so on: the order of the trend (taken under the lock). */
    @Column(nullable = false)
    int number;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Column(name = "answered_at", nullable = false)
    Instant answeredAt;

    @Column(name = "answered_by", nullable = false)
    String answeredBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    Map<String, Integer> answers;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    Map<String, String> activities;

    Double score;

    @Column(name = "answered_count", nullable = false)
    int answeredCount;

    @Column(name = "missing_count", nullable = false)
    int missingCount;

    @Column(name = "unscored_reason", length = 300)
    String unscoredReason;

    protected OutcomeResponse() {
    }

    OutcomeResponse(OutcomeAssignment assignment, int number, Instant answeredAt, String answeredBy,
                    Map<String, Integer> answers, Map<String, String> activities, Double score, int answered,
                    int missing, String reason) {
        this.id = UUID.randomUUID();
        this.assignmentId = assignment.id;
        this.number = number;
        this.clinicId = assignment.clinicId;
        this.patientId = assignment.patientId;
        this.answeredAt = answeredAt;
        this.answeredBy = answeredBy;
        this.answers = Map.copyOf(answers);
        this.activities = activities == null ? null : Map.copyOf(activities);
        this.score = score;
        this.answeredCount = answered;
        this.missingCount = missing;
        this.unscoredReason = reason;
    }
}
