package org.rehabit.gateway.contract;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Alerts, alert settings and the audit trail as the session-service takes and gives them. */
public final class Alerts {

    private Alerts() {
    }

    /** The causes an alert can have. */
    public enum AlertRule { PAIN_HIGH, PAIN_RISE, PAIN_DURING, INACTIVE, OUTCOME_WORSE }

    /** Whether an alert is still open. */
    public enum AlertStatus { OPEN, ACKNOWLEDGED }

    /** What came of an audited request. */
    public enum Outcome { COMMITTED, ROLLED_BACK, OK, UNAUTHENTICATED, DENIED, NOT_FOUND, REFUSED, FAILED }

    @Schema(name = "Acknowledge", description = "What a physio may say when acknowledging an alert (the body is "
            + "optional)")
    public record AcknowledgeRequest(@Size(max = 500) String note) {
    }

    @Schema(name = "Alert", description = "A group of occurrences of one rule for one patient")
    public record AlertView(
            @NotNull UUID id, @NotNull UUID clinicId, @NotNull UUID patientId,
            @Size(max = 120) String patientName, @NotNull AlertRule rule, @NotNull @Size(max = 500) String detail,
            UUID sessionId, UUID programId, @NotNull AlertStatus status, @NotNull Instant raisedAt,
            Instant acknowledgedAt, @Size(max = 255) String acknowledgedBy,
            @Min(1) @Max(Integer.MAX_VALUE) int occurrenceCount, @NotNull Instant lastRaisedAt,
            @NotNull List<AlertOccurrence> occurrences, @Size(max = 500) String acknowledgedNote) {
    }

    @Schema(name = "AlertOccurrence", description = "One firing of an alert's rule (no session for inactivity)")
    public record AlertOccurrence(@NotNull Instant raisedAt, @NotNull @Size(max = 500) String detail,
                                  UUID sessionId) {
    }

    @Schema(name = "AlertPage", description = "One page of a clinic's alerts, newest first")
    public record AlertPage(
            @NotNull @Size(max = 200) List<AlertView> items, @Min(0) @Max(100_000) int page,
            @Min(1) @Max(200) int size, @Min(0) @Max(Long.MAX_VALUE) long total) {
    }

    @Schema(name = "AlertSettings", description = "A clinic's alert and at-risk thresholds, read and written as one; "
            + "the at-risk fields and painDuringThreshold may be left out on write (kept as they are)")
    public record AlertSettings(
            @NotNull @Min(1) @Max(10) Integer painAfterThreshold,
            @NotNull @Min(1) @Max(10) Integer painRiseThreshold,
            @NotNull @Min(1) @Max(90) Integer inactivityDays,
            @Min(1) @Max(100) Integer atRiskAdherencePercent,
            @DecimalMin("0.1") @DecimalMax("5") @Schema(multipleOf = 0.01) BigDecimal atRiskPainTrend,
            @Min(1) @Max(10) Integer painDuringThreshold) {
    }

    @Schema(name = "AuditEvent", description = "One row of the audit trail: identifiers and codes only")
    public record AuditEventView(
            @Min(1) @Max(Long.MAX_VALUE) long id, @NotNull OffsetDateTime at, @Size(max = 64) String requestId,
            @Size(max = 255) String subject, @NotNull @Size(max = 50) List<@Size(max = 100) String> roles,
            @NotNull UUID clinicId, UUID patientId, @NotNull @Size(max = 100) String action,
            @NotNull @Size(max = 10) String method, @Min(100) @Max(599) Integer status, @NotNull Outcome outcome,
            @NotNull @Schema(enumeration = {"session-service", "gateway"}) String decidedBy) {
    }

    @Schema(name = "AuditPage", description = "One page of the clinic's audit trail, newest first")
    public record AuditPage(
            @NotNull @Size(max = 200) List<AuditEventView> items, @Min(1) @Max(200) int size,
            @Schema(description = "Pass as before= for the next (older) page; null on the last page", nullable = true)
            @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9_-]*$") String next) {
    }
}
