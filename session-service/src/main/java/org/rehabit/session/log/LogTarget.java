package org.rehabit.session.log;

import org.rehabit.session.alert.SessionThresholds;
import org.rehabit.session.patient.PatientAccess;
import org.rehabit.session.program.ProgramStatus;
import org.rehabit.session.program.Side;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * What storing a session log needs to know, read in one statement ({@link SessionLogRepository#target}): the
 * patient's clinic and whether their own access is still open, the program the log goes to and its items, an earlier
 * log with the same idempotency key, and the clinic's alert thresholds.
 *
 * @param access      the patient's status and the last day of their own access (for a patient's own request)
 * @param programId   null when the patient has no such program
 * @param startDate   the program's first day (the patient's local date)
 * @param endDate     the program's last day, or null when open-ended
 * @param zone        the patient's time zone
 * @param items       the program's items (id → exercise slug and prescribed side), in program order
 * @param earlierId   the log stored earlier with the same key, or null
 * @param earlierHash that log's request fingerprint
 */
record LogTarget(UUID clinicId, PatientAccess access, UUID programId, ProgramStatus programStatus, LocalDate startDate, LocalDate endDate,
                 ZoneId zone, boolean safetyConfirmed,
                 Map<UUID, Item> items, UUID earlierId, String earlierHash, SessionThresholds thresholds) {

    /** A program item as a log needs it: its exercise and the side(s) its dose is done on. */
    record Item(String exerciseSlug, Side side) {

        /** EACH_SIDE and ALTERNATING items are logged per side (LEFT and RIGHT). */
        boolean twoSided() {
            return side == Side.EACH_SIDE || side == Side.ALTERNATING;
        }
    }
}
