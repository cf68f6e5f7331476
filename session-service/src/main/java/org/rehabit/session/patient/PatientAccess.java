package org.rehabit.session.patient;

import java.time.LocalDate;

/** What decides whether a patient's own token is still accepted: their status and the last day of their access. */
public record PatientAccess(PatientStatus status, LocalDate accessEndsOn, LocalDate dischargedOn, String timezone) {
}
