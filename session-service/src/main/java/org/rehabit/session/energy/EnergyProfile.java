package org.rehabit.session.energy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient's energy profile, one per patient. Height and weight are kept exactly as entered, value and unit
 * (one set of unit columns is filled), so they read back with the same digits; the metric values the formula
 * needs are derived exactly on read.
 */
@Entity
@Table(name = "energy_profile")
public class EnergyProfile {

    @Id
    @Column(name = "patient_id")
    UUID patientId;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 6)
    Sex sex;

    @Column(name = "date_of_birth")
    LocalDate dateOfBirth;

    @Column(name = "age_years")
    Short ageYears;

    @Column(name = "height_cm")
    BigDecimal heightCm;

    @Column(name = "height_feet")
    Short heightFeet;

    @Column(name = "height_inches")
    BigDecimal heightInches;

    @Column(name = "weight_kg")
    BigDecimal weightKg;

    @Column(name = "weight_lb")
    BigDecimal weightLb;

    @Enumerated(EnumType.STRING)
    @Column(name = "activity_level", nullable = false, length = 11)
    ActivityLevel activityLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    Goal goal;

    @Column(name = "updated_by", nullable = false)
    String updatedBy;

    @Version
    @Column(nullable = false)
    long revision;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected EnergyProfile() {
    }

    EnergyProfile(UUID patientId, UUID clinicId, Instant now) {
        this.patientId = patientId;
        this.clinicId = clinicId;
        this.createdAt = now;
    }

    /** Replaces the whole profile with {@code request}, whose measures were checked already. */
    void write(EnergyProfileRequest request, String by, Instant now) {
        this.sex = request.sex();
        this.dateOfBirth = request.dateOfBirth();
        this.ageYears = request.age() == null ? null : request.age().shortValueExact();
        Height height = request.height();
        this.heightCm = Measures.plain(height.cm());
        this.heightFeet = height.feet() == null ? null : height.feet().shortValueExact();
        this.heightInches = Measures.plain(height.inches());
        this.weightKg = Measures.plain(request.weight().kg());
        this.weightLb = Measures.plain(request.weight().lb());
        this.activityLevel = request.activityLevel();
        this.goal = request.goal();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    Height height() {
        return new Height(heightCm, heightFeet == null ? null : BigDecimal.valueOf(heightFeet), heightInches);
    }

    Weight weight() {
        return new Weight(weightKg, weightLb);
    }

    /** The exact height in cm the formula uses. */
    BigDecimal exactHeightCm() {
        return heightCm != null ? heightCm : EnergyMath.cm(BigDecimal.valueOf(heightFeet), heightInches);
    }

    /** The exact weight in kg the formula uses. */
    BigDecimal exactWeightKg() {
        return weightKg != null ? weightKg : EnergyMath.kg(weightLb);
    }

    /** The age the formula uses on {@code today} (the patient's own date): as entered, or from the date of birth. */
    int ageOn(LocalDate today) {
        return ageYears != null ? ageYears : EnergyMath.age(dateOfBirth, today);
    }

    String etag() {
        return org.rehabit.support.IfMatch.etag(revision);
    }
}
