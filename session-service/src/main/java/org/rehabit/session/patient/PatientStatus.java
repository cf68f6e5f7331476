package org.rehabit.session.patient;

/** Where a patient is in their care: ACTIVE (the default), or DISCHARGED (until reactivated). */
public enum PatientStatus {
    ACTIVE,
    DISCHARGED
}
