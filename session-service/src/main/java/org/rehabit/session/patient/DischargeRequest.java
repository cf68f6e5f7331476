package org.rehabit.session.patient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * A discharge: why ("goals met", "moved away"), and optionally the last day the patient's own access lasts (the
 * patient's time zone; from the discharge day to a year after it). Without it the access lasts
 * {@link PatientLifecycleService#DEFAULT_ACCESS_DAYS} days after the discharge day.
 */
public record DischargeRequest(@NotBlank @Size(max = 500) String reason, LocalDate accessEndsOn) {
}
