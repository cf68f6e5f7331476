package org.rehabit.session.log;

import org.rehabit.session.alert.SessionThresholds;
import org.rehabit.session.program.ProgramStatus;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * What storing a session log needs to know, read in one statement ({@link SessionLogRepository#target}): the
 * patient's clinic, the program the log goes to and its items, an earlier log with the same idempotency key, and
 * the clinic's alert thresholds.
 *
 * @param programId   null when the patient has no such program
 * @param startDate   the program's first day (the patient's local date)
 * @param endDate     the program's last day, or null when open-ended
 * @param zone        the patient's time zone
 * @param itemSlugs   the program's items (id → exercise slug), in program order
 * @param earlierId   the log stored earlier with the same key, or null
 * @param earlierHash that log's request fingerprint
 */
record LogTarget(UUID clinicId, UUID programId, ProgramStatus programStatus, LocalDate startDate, LocalDate endDate,
                 ZoneId zone, boolean safetyConfirmed,
                 Map<UUID, String> itemSlugs, UUID earlierId, String earlierHash, SessionThresholds thresholds) {
}
