package org.rehabit.session.energy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One weighing of a patient, at most one per day, kept exactly as entered (value and unit). Written once and
 * never changed, so it needs no version.
 */
@Entity
@Immutable
@Table(name = "weight_entry")
public class WeightEntry {

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Column(name = "measured_on", nullable = false)
    LocalDate measuredOn;

    @Column(name = "weight_kg")
    BigDecimal weightKg;

    @Column(name = "weight_lb")
    BigDecimal weightLb;

    @Column(name = "recorded_by", nullable = false)
    String recordedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected WeightEntry() {
    }

    WeightEntry(UUID clinicId, UUID patientId, LocalDate measuredOn, Weight weight, String recordedBy,
                Instant now) {
        this.id = UUID.randomUUID();
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.measuredOn = measuredOn;
        this.weightKg = Measures.plain(weight.kg());
        this.weightLb = Measures.plain(weight.lb());
        this.recordedBy = recordedBy;
        this.createdAt = now;
    }

    Weight weight() {
        return new Weight(weightKg, weightLb);
    }

    /** The exact weight in kg. */
    BigDecimal exactKg() {
        return weightKg != null ? weightKg : EnergyMath.kg(weightLb);
    }
}
