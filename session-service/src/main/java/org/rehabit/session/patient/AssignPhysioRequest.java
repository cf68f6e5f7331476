package org.rehabit.session.patient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Reassigning a patient (clinic-admin).
 *
 * @param physioId the subject of a known physio or clinic-admin of the clinic (the staff list)
 */
public record AssignPhysioRequest(@NotBlank @Size(max = 255) String physioId) {
}
