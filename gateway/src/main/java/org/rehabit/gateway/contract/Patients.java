package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Patients as the session-service takes and gives them (its patient.PatientInput and PatientView). */
public final class Patients {

    private Patients() {
    }

    @Schema(name = "PatientInput", description = "A patient as a physio registers or edits them")
    public record PatientInput(
            @NotBlank @Size(max = 120) String displayName,
            @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._/-]*$")
            @Schema(description = "The clinic's own reference (letters, digits and . _ / -), unique in the clinic")
            String externalRef,
            @Past LocalDate dateOfBirth,
            @NotNull @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._/+-]+$")
            @Schema(description = "An IANA time zone id known to Java and PostgreSQL, e.g. Europe/Berlin or UTC; "
                    + "offsets such as +05:30 or GMT+1 are refused", examples = "Europe/Berlin")
            String timezone,
            @Size(max = 255) @Schema(description = "The subject of the patient's physio, a known physio or "
                    + "clinic-admin of the clinic (the staff list); on registration it defaults to the caller, on "
                    + "an edit left out keeps the current one (changing it: clinic-admin only)")
            String physioId) {
    }

    @Schema(name = "AssignPhysioRequest", description = "Reassigning a patient (clinic-admin)")
    public record AssignPhysioRequest(
            @NotBlank @Size(max = 255) @Schema(description = "The subject of a known physio or clinic-admin of the "
                    + "clinic (the staff list)") String physioId) {
    }

    @Schema(name = "StaffMember", description = "A physio or clinic-admin of the clinic, as their token named them")
    public record StaffView(
            @NotNull @Size(max = 255) @Schema(description = "The token's sub: what physioId and assignedTo name")
            String subject,
            @NotNull @Size(max = 255) @Schema(description = "The token's name, else preferred_username, else sub")
            String displayName,
            @NotNull @Size(max = 16) @Pattern(regexp = "^(physio|clinic-admin)$") String role,
            @NotNull @Schema(description = "When the session-service first recorded them") Instant recordedAt) {
    }

    @Schema(name = "Patient", description = "A patient of the caller's clinic")
    public record PatientView(
            @NotNull UUID id, @NotNull UUID clinicId, @NotNull @Size(max = 120) String displayName,
            @Size(max = 64) String externalRef, LocalDate dateOfBirth, @NotNull @Size(max = 64) String timezone,
            @Size(max = 255) @Schema(description = "The subject of the assigned physio (the staff list); null when "
                    + "none") String physioId,
            @Size(max = 255) @Schema(description = "The physio typed before assignments were checked, when it "
                    + "matched no known staff member: kept for a clinic-admin to reassign by") String legacyPhysio,
            @NotNull Instant createdAt, @NotNull Instant updatedAt, @NotNull Lifecycle.PatientStatus status,
            @Schema(description = "Null while active") Lifecycle.PatientDischarge discharge) {
    }

    @Schema(name = "PatientPage", description = "One page of the clinic's patients, by name")
    public record PatientPage(
            @NotNull @Size(max = 100) List<PatientView> items, @Min(0) @Max(100_000) int page,
            @Min(1) @Max(100) int size, @Min(0) @Max(Long.MAX_VALUE) long total) {
    }
}
