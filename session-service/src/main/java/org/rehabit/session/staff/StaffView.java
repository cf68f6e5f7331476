package org.rehabit.session.staff;

import java.time.Instant;

/**
 * A physio or clinic-admin of the caller's clinic, as the service first saw their token.
 *
 * @param subject     the token's {@code sub}: what a patient's {@code physioId} and {@code assignedTo} name
 * @param displayName the token's {@code name}, else {@code preferred_username}, else the subject
 * @param role        {@code physio} or {@code clinic-admin}
 */
public record StaffView(String subject, String displayName, String role, Instant recordedAt) {
}
