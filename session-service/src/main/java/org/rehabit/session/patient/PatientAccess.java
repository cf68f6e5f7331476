package org.rehabit.session.patient;

import org.rehabit.support.Refused;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** What decides whether a patient's own token is still accepted: their status and the last day of their access. */
public record PatientAccess(PatientStatus status, LocalDate accessEndsOn, LocalDate dischargedOn, String timezone) {

    /**
     * Refuses (403 access-ended, saying why) once a discharge has ended the patient's own access: from the day after
     * its last day, in the patient's time zone. Nothing while they are active or within their last days.
     */
    public void check(Instant now) {
        if (status == PatientStatus.DISCHARGED && accessEndsOn != null
                && LocalDate.ofInstant(now, ZoneId.of(timezone)).isAfter(accessEndsOn)) {
            throw new Refused("access-ended", "You were discharged on " + dischargedOn + " and your access ended on "
                    + accessEndsOn + ". Your clinic can reactivate it.");
        }
    }
}
