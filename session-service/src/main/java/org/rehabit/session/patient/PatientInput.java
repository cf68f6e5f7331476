package org.rehabit.session.patient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * A patient as a physio registers or edits them.
 *
 * @param timezone an IANA time zone id known to Java and PostgreSQL (e.g. {@code Europe/Berlin}, {@code UTC});
 *                 offsets such as {@code +05:30} or {@code GMT+1} are refused (see {@link TimeZones})
 * @param physioId the subject of the patient's physio, a known physio or clinic-admin of the clinic (the staff
 *                 list); on registration it defaults to the caller; on an edit null keeps the current one, and
 *                 only a clinic-admin may change it
 */
public record PatientInput(
        @NotBlank @Size(max = 120) String displayName,
        @Size(max = 64) @Pattern(regexp = "[\\p{Alnum}._/-]*", message = "may hold letters, digits and . _ / - only")
        String externalRef,
        @Past LocalDate dateOfBirth,
        @NotNull @Size(max = 64) String timezone,
        @Size(max = 255) String physioId) {
}
