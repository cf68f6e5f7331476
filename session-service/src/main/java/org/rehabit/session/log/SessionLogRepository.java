package org.rehabit.session.log;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.rehabit.session.alert.SessionThresholds;
import org.rehabit.session.audit.AuditEntry;
import org.rehabit.session.audit.AuditLog;
import org.rehabit.session.audit.AuditRequest;
import org.rehabit.session.patient.PatientAccess;
import org.rehabit.session.patient.PatientStatus;
import org.rehabit.session.program.ProgramStatus;
import org.rehabit.session.program.Side;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Session logs of a patient. Storing one is the service's hottest write, so its two statements are plain SQL over
 * the transaction's connection: one read of everything the log needs ({@link #target}) and one write of the log
 * with its items ({@link #insert}), instead of the eight or so statements (and the query compilation, flush and
 * dirty checking) of loading the patient and program as entities and persisting the log through Hibernate.
 */
@ApplicationScoped
public class SessionLogRepository implements PanacheRepositoryBase<SessionLog, UUID> {

    /*
     * One row per program item (at least one row when the patient exists in the clinic). The program is the
     * given one (any status) when ?5 is not null, else the patient's open one.
     */
    private static final String TARGET = """
            SELECT p.clinic_id, pr.id, pr.status, pr.safety_confirmed_at IS NOT NULL,
                   l.id, l.request_hash, s.pain_after_threshold, s.pain_rise_threshold, pi.id, pi.exercise_slug,
                   pr.start_date, pr.end_date, p.timezone, s.pain_during_threshold, pi.dose ->> 'side',
                   p.status, p.access_ends_on, p.discharged_on
            FROM patient p
            LEFT JOIN program pr ON pr.patient_id = p.id
                 AND (CASE WHEN CAST(? AS uuid) IS NULL THEN pr.status IN ('ACTIVE', 'PAUSED') ELSE pr.id = ? END)
            LEFT JOIN program_item pi ON pi.program_id = pr.id
            LEFT JOIN session_log l ON l.patient_id = p.id AND l.idempotency_key = ?
            LEFT JOIN clinic_settings s ON s.clinic_id = p.clinic_id
            WHERE p.id = ? AND p.clinic_id = ?
            ORDER BY pi.position""";

    /*
     * The log, the request's audit row (when the request has one to write: AuditRequest.pendingWrite) and the items
     * in one statement: the items' foreign key is checked at the end of the statement, when the log's row (inserted
     * by the WITH part) is there.
     */
    static final String INSERT = """
            WITH log AS (
                INSERT INTO session_log (id, clinic_id, patient_id, program_id, performed_at, utc_offset_minutes,
                                         local_date, pain_before, pain_after, perceived_difficulty, duration_seconds,
                                         notes, corrects_id, logged_by, idempotency_key, request_hash, created_at,
                                         work_done)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)),
            audit AS (
                INSERT INTO audit_event (%1$s)
                SELECT %2$s
                WHERE CAST(? AS boolean))
            INSERT INTO session_item (session_id, position, program_item_id, exercise_slug, status, sets_done,
                                      reps_done, hold_seconds, side, pain_during)
            SELECT ?, i.n - 1, i.program_item_id, i.exercise_slug, i.status, i.sets_done, i.reps_done,
                   i.hold_seconds, i.side, i.pain_during
            FROM unnest(CAST(? AS uuid[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS smallint[]),
                        CAST(? AS smallint[]), CAST(? AS integer[]), CAST(? AS varchar[]), CAST(? AS smallint[]))
                 WITH ORDINALITY AS i(program_item_id, exercise_slug, status, sets_done, reps_done, hold_seconds,
                                      side, pain_during, n)""".formatted(AuditLog.COLUMNS, AuditLog.ROW);

    public Optional<SessionLog> findOfPatient(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).firstResultOptional();
    }

    /** The log, locked until the transaction ends: a correction of it (whose key check shares the lock) waits. */
    public Optional<SessionLog> findOfPatientForUpdate(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Every log of a patient, oldest first (the export). */
    public List<SessionLog> allOf(UUID patientId) {
        return list("patientId = ?1 order by performedAt, id", patientId);
    }

    public Optional<SessionLog> correctionOf(UUID id) {
        return find("correctsId", id).firstResultOptional();
    }

    /** The correction of each of these logs that has one: log id to its correction's id. */
    public Map<UUID, UUID> correctionsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return list("correctsId in ?1", ids).stream()
                .collect(Collectors.toMap(correction -> correction.correctsId, correction -> correction.id));
    }

    /** A patient's logs whose local date is within [from, to] (either may be null), newest first. */
    public PanacheQuery<SessionLog> between(UUID patientId, LocalDate from, LocalDate to) {
        return find("patientId = :patient and localDate >= :from and localDate <= :to "
                        + "order by performedAt desc, id",
                Parameters.with("patient", patientId)
                        .and("from", from == null ? LocalDate.of(1900, 1, 1) : from)
                        .and("to", to == null ? LocalDate.of(9999, 12, 31) : to));
    }

    /**
     * Everything storing a log for {@code patientId} needs, in one statement, the patient's own access included
     * (what {@code PatientAccessFilter} would read in a transaction of its own); empty when the clinic has no such
     * patient. {@code programId} null means the patient's open program.
     */
    Optional<LogTarget> target(UUID clinicId, UUID patientId, UUID programId, String idempotencyKey) {
        return getEntityManager().unwrap(Session.class).doReturningWork(
                connection -> target(connection, clinicId, patientId, programId, idempotencyKey));
    }

    /** {@link #target(UUID, UUID, UUID, String)} over the given connection (e.g. one in autocommit). */
    static Optional<LogTarget> target(Connection connection, UUID clinicId, UUID patientId, UUID programId,
                                      String idempotencyKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(TARGET)) {
            select.setObject(1, programId);
            select.setObject(2, programId);
            select.setString(3, idempotencyKey);
            select.setObject(4, patientId);
            select.setObject(5, clinicId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                UUID clinic = rows.getObject(1, UUID.class);
                UUID program = rows.getObject(2, UUID.class);
                String status = rows.getString(3);
                boolean confirmed = rows.getBoolean(4);
                UUID earlier = rows.getObject(5, UUID.class);
                String earlierHash = rows.getString(6);
                SessionThresholds thresholds = SessionThresholds.of(rows.getObject(7, Integer.class),
                        rows.getObject(8, Integer.class), rows.getObject(14, Integer.class));
                LocalDate start = rows.getObject(11, LocalDate.class);
                LocalDate end = rows.getObject(12, LocalDate.class);
                String timezone = rows.getString(13);
                ZoneId zone = ZoneId.of(timezone);
                PatientAccess access = new PatientAccess(PatientStatus.valueOf(rows.getString(16)),
                        rows.getObject(17, LocalDate.class), rows.getObject(18, LocalDate.class), timezone);
                Map<UUID, LogTarget.Item> items = new LinkedHashMap<>();
                do {
                    UUID item = rows.getObject(9, UUID.class);
                    if (item != null) {
                        String side = rows.getString(15);
                        items.put(item, new LogTarget.Item(rows.getString(10),
                                side == null ? Side.BOTH : Side.valueOf(side)));
                    }
                } while (rows.next());
                return Optional.of(new LogTarget(clinic, access, program,
                        status == null ? null : ProgramStatus.valueOf(status), start, end, zone, confirmed,
                        items, earlier, earlierHash, thresholds));
            }
        }
    }

    /**
     * Stores a new log with its items and, given the request's pending audit row, that row too (one statement). A
     * unique key it breaks (the idempotency key, the one correction of a log) surfaces as Hibernate's
     * {@code ConstraintViolationException} naming the constraint.
     */
    void insert(SessionLog log, AuditRequest audit) {
        AuditEntry entry = audit == null ? null : audit.pendingEntry();
        getEntityManager().unwrap(Session.class).doWork(connection -> insert(connection, log, entry));
        if (entry != null) {
            audit.writtenWithChange();
        }
    }

    /**
     * {@link #insert(SessionLog, AuditRequest)} over the given connection, with the audit row to write (none when
     * null). In autocommit the statement is its own transaction: the log, its items, its audit row and the rollup
     * its trigger keeps commit together or not at all.
     */
    static void insert(Connection connection, SessionLog log, AuditEntry audit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, connection, log, audit);
            insert.executeUpdate();
        }
    }

    /** Binds {@link #INSERT}'s parameters to the log and its audit row (none when null). */
    static void bind(PreparedStatement insert, Connection connection, SessionLog log, AuditEntry entry)
            throws SQLException {
        insert.setObject(1, log.id);
        insert.setObject(2, log.clinicId);
        insert.setObject(3, log.patientId);
        insert.setObject(4, log.programId);
        insert.setObject(5, log.performedAt.atOffset(ZoneOffset.UTC));
        insert.setShort(6, log.utcOffsetMinutes);
        insert.setObject(7, log.localDate);
        insert.setObject(8, log.painBefore, Types.SMALLINT);
        insert.setObject(9, log.painAfter, Types.SMALLINT);
        insert.setObject(10, log.perceivedDifficulty, Types.SMALLINT);
        insert.setObject(11, log.durationSeconds, Types.INTEGER);
        insert.setString(12, log.notes);
        insert.setObject(13, log.correctsId);
        insert.setString(14, log.loggedBy);
        insert.setString(15, log.idempotencyKey);
        insert.setString(16, log.requestHash);
        insert.setObject(17, log.createdAt.atOffset(ZoneOffset.UTC));
        insert.setBoolean(18, log.workDone);
        AuditLog.bind(insert, 19, entry); // the audit row's parameters; none written without an entry
        int next = 19 + AuditLog.ROW_PARAMETERS;
        insert.setBoolean(next, entry != null);
        insert.setObject(next + 1, log.id);
        int n = log.items.size();
        Object[] programItems = new Object[n];
        Object[] slugs = new Object[n];
        Object[] statuses = new Object[n];
        Object[] sets = new Object[n];
        Object[] reps = new Object[n];
        Object[] holds = new Object[n];
        Object[] sides = new Object[n];
        Object[] pains = new Object[n];
        for (int k = 0; k < n; k++) {
            SessionItem item = log.items.get(k);
            programItems[k] = item.programItemId;
            slugs[k] = item.exerciseSlug;
            statuses[k] = item.status.name();
            sets[k] = item.setsDone;
            reps[k] = item.repsDone;
            holds[k] = item.holdSeconds;
            sides[k] = item.side == null ? null : item.side.name();
            pains[k] = item.painDuring;
        }
        insert.setArray(next + 2, array(connection, "uuid", programItems));
        insert.setArray(next + 3, array(connection, "varchar", slugs));
        insert.setArray(next + 4, array(connection, "varchar", statuses));
        insert.setArray(next + 5, array(connection, "int2", sets));
        insert.setArray(next + 6, array(connection, "int2", reps));
        insert.setArray(next + 7, array(connection, "int4", holds));
        insert.setArray(next + 8, array(connection, "varchar", sides));
        insert.setArray(next + 9, array(connection, "int2", pains));
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
