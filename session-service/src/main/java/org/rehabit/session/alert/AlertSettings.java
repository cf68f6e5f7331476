package org.rehabit.session.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A clinic's alert and at-risk thresholds. Clinics without a row use {@link #DEFAULT_PAIN_AFTER} and friends.
 */
@Entity
@Table(name = "clinic_settings")
public class AlertSettings {

    static final int DEFAULT_PAIN_AFTER = 7;
    static final int DEFAULT_PAIN_RISE = 2;
    static final int DEFAULT_PAIN_DURING = 7;
    static final int DEFAULT_INACTIVITY_DAYS = 7;
    /** At risk when adherence over the complete weeks is below this percentage. */
    public static final int DEFAULT_AT_RISK_ADHERENCE_PERCENT = 50;
    /** At risk when pain after sessions rises by this many points a week or more. */
    public static final BigDecimal DEFAULT_AT_RISK_PAIN_TREND = new BigDecimal("0.50");

    @Id
    @Column(name = "clinic_id")
    UUID clinicId;

    @Column(name = "pain_after_threshold", nullable = false)
    short painAfterThreshold;

    @Column(name = "pain_rise_threshold", nullable = false)
    short painRiseThreshold;

    @Column(name = "pain_during_threshold", nullable = false)
    short painDuringThreshold;

    @Column(name = "inactivity_days", nullable = false)
    short inactivityDays;

    @Column(name = "at_risk_adherence_percent", nullable = false)
    short atRiskAdherencePercent;

    @Column(name = "at_risk_pain_trend", nullable = false, precision = 3, scale = 2)
    BigDecimal atRiskPainTrend;

    @Version
    @Column(nullable = false)
    long revision;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    String updatedBy;

    protected AlertSettings() {
    }

    AlertSettings(UUID clinicId) {
        this.clinicId = clinicId;
        this.painAfterThreshold = DEFAULT_PAIN_AFTER;
        this.painRiseThreshold = DEFAULT_PAIN_RISE;
        this.painDuringThreshold = DEFAULT_PAIN_DURING;
        this.inactivityDays = DEFAULT_INACTIVITY_DAYS;
        this.atRiskAdherencePercent = DEFAULT_AT_RISK_ADHERENCE_PERCENT;
        this.atRiskPainTrend = DEFAULT_AT_RISK_PAIN_TREND;
    }
}
