package org.rehabit.session.log;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.postgresql.util.PSQLException;
import org.rehabit.session.alert.AlertService;
import org.rehabit.session.audit.AuditRequest;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.session.program.Side;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem;
import org.rehabit.support.Refused;
import org.rehabit.support.Unavailable;
import org.rehabit.support.Unprocessable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Logging sessions exactly once. Phones retry on bad networks, so every log carries a client-chosen
 * idempotency key: a retry with the same key and body gets the first answer back, the same key with
 * another body is refused (422), and of two copies racing each other the second gets the first's answer.
 */
@ApplicationScoped
public class SessionLogService {

    /** How far in the future a client's clock may be and still be believed. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far back a session may be logged (e.g. a phone that was offline for a long time). */
    static final Duration OLDEST = Duration.ofDays(366);
    private static final String KEY_CONSTRAINT = "session_log_patient_id_idempotency_key_key";
    private static final String CORRECTION_CONSTRAINT = "session_log_corrects_idx";
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQL states of a table that cannot be written at all: undefined table, insufficient privilege. */
    private static final Set<String> AUDIT_UNWRITABLE = Set.of("42P01", "42501");
    /** Longer correction chains than this are not followed to their original session (none are expected). */
    private static final int LONGEST_CHAIN = 100;

    /** How long after logging a session its patient may void it themselves; later, their physio does. */
    public static final Duration PATIENT_VOID_WINDOW = Duration.ofHours(24);

    private final SessionLogRepository logs;
    private final SessionVoidRepository voids;
    private final PatientService patients;
    private final AlertService alerts;
    private final Counter logged;
    private final Clock clock;
    private final AgroalDataSource dataSource;
    private final SessionLogWriter writer;

    public SessionLogService(SessionLogRepository logs, SessionVoidRepository voids, PatientService patients,
                             AlertService alerts, MeterRegistry registry, Clock clock, AgroalDataSource dataSource,
                             SessionLogWriter writer) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.writer = writer;
        this.voids = voids;
        this.logs = logs;
        this.patients = patients;
        this.alerts = alerts;
        this.logged = Counter.builder("rehabit.sessions.logged").description("Session logs stored")
                .register(registry);
    }

    /** A stored log, and whether this answer replays an earlier request with the same key. */
    public record Logged(SessionLogView session, boolean replayed) {
    }

    /**
     * Stores a log once. The common case, a new log that corrects nothing and raises no alert, takes two statements
     * ({@link #logAlone}): the read, then the write of the log, its items, its audit row and (by trigger) the
     * rollup, committed by {@link SessionLogWriter} with the other logs that arrived meanwhile (group commit).
     * Anything else (a replay, a correction, a log that raises an alert, a copy that lost a race) is stored or
     * answered in a transaction of its own ({@link #logOnce}). A copy racing the first one (same key) has its insert held by
     * PostgreSQL until the first commits, then breaks the unique key: it is answered, in a new transaction, with what
     * a retry would get (the first log, replayed; or 422 for another body), never a 409 that a phone would take as
     * final. Two corrections of one session racing each other are settled the same way: the second is answered as if
     * it came after the first (the first's answer for the same key, else 409 naming the correction that won).
     */
    public Logged log(Caller caller, UUID patientId, String idempotencyKey, LogSessionRequest request) {
        if (!caller.mayReach(patientId)) {
            throw PatientService.notFound(patientId);
        }
        try {
            Optional<Logged> alone = logAlone(caller, patientId, idempotencyKey, request);
            if (alone.isPresent()) {
                return alone.get();
            }
        } catch (Raced raced) {
            // a copy with the same key committed first: the transaction below answers as a retry would
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> logOnce(caller, patientId, idempotencyKey, request));
        } catch (Raced raced) {
            return QuarkusTransaction.requiringNew().call(() -> logOnce(caller, patientId, idempotencyKey, request));
        }
    }

    /**
     * A new log that corrects nothing and raises no alert, without a transaction of its own: the read ({@link
     * SessionLogRepository#target}) in autocommit, then one INSERT (the log, its items, the request's audit row, and
     * the rollup kept by its trigger: all committed or none) that {@link SessionLogWriter} commits, alone or with
     * other requests' logs. In READ COMMITTED a transaction around the two gave the read no more isolation than
     * this; the unique key still settles a race. Empty when the log needs {@link #logOnce}: a key seen
     * before (replay or 422), a correction, or an alert to raise with it. A refusal throws, nothing written.
     */
    private Optional<Logged> logAlone(Caller caller, UUID patientId, String idempotencyKey,
                                      LogSessionRequest request) {
        try {
            LogTarget target;
            try (Connection connection = dataSource.getConnection()) {
                target = SessionLogRepository.target(connection, caller.clinicId(), patientId, request.programId(),
                        idempotencyKey).orElseThrow(() -> PatientService.notFound(patientId));
            }
            if (caller.isPatient()) {
                target.access().check(clock.instant()); // a discharge ended their access: 403
            }
            if (target.earlierId() != null || request.correctsId() != null) {
                return Optional.empty();
            }
            String hash = LogFingerprint.of(request);
            List<SessionItem> items = checkedItems(target, request);
            SessionLog log = new SessionLog(target.clinicId(), patientId, target.programId(), request, items,
                    caller.subject(), idempotencyKey, hash, now());
            AlertService.LoggedSession session = loggedSession(log, null);
            if (target.thresholds().raisesAny(session.painBefore(), session.painAfter(), session.painDuring())) {
                return Optional.empty();
            }
            Optional<AuditRequest> audit = AuditRequest.pendingWrite();
            try {
                writer.write(log, audit.map(AuditRequest::pendingEntry).orElse(null)); // returns once committed
            } catch (SQLException e) {
                String constraint = e instanceof PSQLException p && p.getServerErrorMessage() != null
                        ? p.getServerErrorMessage().getConstraint() : null;
                if (UNIQUE_VIOLATION.equals(e.getSQLState())
                        && (KEY_CONSTRAINT.equals(constraint) || CORRECTION_CONSTRAINT.equals(constraint))) {
                    throw new Raced(e);
                }
                if (AUDIT_UNWRITABLE.contains(e.getSQLState())) {
                    throw new Unavailable("The request could not be recorded; try again shortly.", 5, e);
                }
                throw e;
            }
            audit.ifPresent(AuditRequest::committedWithChange);
            logged.increment();
            return Optional.of(new Logged(SessionLogView.of(log, null), false));
        } catch (SQLException e) {
            throw new IllegalStateException("Session log not stored", e);
        } catch (Raced raced) {
            throw raced;
        } catch (RuntimeException refused) {
            // as when the same checks ran inside a transaction that was undone: the audit row says ROLLED_BACK
            AuditRequest.current().ifPresent(AuditRequest::refusedBeforeChange);
            throw refused;
        }
    }

    /**
     * The key, or the one correction of a session, was stored by a concurrent request, which has committed by the
     * time this is thrown.
     */
    private static final class Raced extends RuntimeException {
        Raced(Throwable cause) {
            super("Idempotency-Key or correction taken by a concurrent request", cause, false, false);
        }
    }

    /**
     * Two statements for a new log (see {@link SessionLogRepository}): one read of the patient (and, for the patient's
     * own request, whether a discharge has ended their access: the resource is {@code @ChecksOwnAccess}), the program
     * and its items, an earlier log with the same key and the clinic's alert thresholds; one write of the log, its items and
     * the request's audit row. Then any alert and the commit.
     */
    private Logged logOnce(Caller caller, UUID patientId, String idempotencyKey, LogSessionRequest request) {
        LogTarget target = logs.target(caller.clinicId(), patientId, request.programId(), idempotencyKey)
                .orElseThrow(() -> PatientService.notFound(patientId));
        if (caller.isPatient()) {
            target.access().check(clock.instant()); // a discharge ended their access: 403, replays included
        }
        String hash = LogFingerprint.of(request);
        if (target.earlierId() != null) {
            if (!target.earlierHash().equals(hash)) {
                throw new Unprocessable("Idempotency-Key '" + idempotencyKey + "' was already used for a different "
                        + "session; use a new key for a new session.");
            }
            SessionLog earlier = logs.findOfPatient(patientId, target.earlierId()).orElseThrow();
            return new Logged(view(earlier), true);
        }
        List<SessionItem> items = checkedItems(target, request);
        UUID original = checkCorrection(patientId, request);
        SessionLog log = new SessionLog(target.clinicId(), patientId, target.programId(), request, items,
                caller.subject(), idempotencyKey, hash, now());
        try {
            logs.insert(log, AuditRequest.pendingWrite().orElse(null));
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            if (KEY_CONSTRAINT.equals(e.getConstraintName())
                    || CORRECTION_CONSTRAINT.equals(e.getConstraintName())) {
                throw new Raced(e);
            }
            throw e;
        } catch (org.hibernate.JDBCException e) {
            if (AUDIT_UNWRITABLE.contains(e.getSQLState())) {
                // the audit table cannot be written (the statement writes the log's row too): nothing is stored,
                // and the client may retry, as for any write whose row cannot be written
                throw new Unavailable("The request could not be recorded; try again shortly.", 5, e);
            }
            throw e;
        }
        alerts.onSessionLogged(loggedSession(log, original), target.thresholds());
        logged.increment();
        return new Logged(SessionLogView.of(log, null), false);
    }

    @Transactional
    public SessionLogView get(Caller caller, UUID patientId, UUID sessionId) {
        Patient patient = patients.require(caller, patientId);
        return logs.findOfPatient(patient.id(), sessionId).map(this::view)
                .orElseThrow(() -> new NotFound("Patient " + patientId + " has no session " + sessionId + "."));
    }

    /**
     * Voids a session logged in error: it stays listed, marked voided (who, when, why), and counts in no figure from
     * then on, as if it had never been logged. Staff of the patient's clinic void any of the patient's sessions; a
     * patient voids a session they logged themselves within {@link #PATIENT_VOID_WINDOW} of logging it (403 after).
     * Only the standing version of a session is voided (a corrected log: void its correction), once (409 after).
     * Alerts the session raised stay, for a physio to acknowledge.
     */
    @Transactional
    public SessionLogView voidSession(Caller caller, UUID patientId, UUID sessionId, VoidSessionRequest request) {
        Patient patient = patients.require(caller, patientId);
        SessionLog log = logs.findOfPatientForUpdate(patient.id(), sessionId)
                .orElseThrow(() -> new NotFound("Patient " + patientId + " has no session " + sessionId + "."));
        if (caller.isPatient()) {
            if (!caller.subject().equals(log.loggedBy)) {
                throw new Refused("void-not-yours", "You can void only sessions you logged yourself; ask your "
                        + "physiotherapist to void this one.");
            }
            if (clock.instant().isAfter(log.createdAt.plus(PATIENT_VOID_WINDOW))) {
                throw new Refused("void-window-passed", "A session can be voided by its patient within "
                        + PATIENT_VOID_WINDOW.toHours() + " hours of logging it; ask your physiotherapist to void "
                        + "this one.");
            }
        }
        SessionVoid earlier = voids.findById(sessionId);
        if (earlier != null) {
            throw new Conflict("Session " + sessionId + " was already voided at " + earlier.voidedAt + " by "
                    + earlier.voidedBy + ".");
        }
        logs.correctionOf(sessionId).ifPresent(later -> {
            throw new Conflict("Session " + sessionId + " was corrected by " + later.id + "; void the correction "
                    + "instead.");
        });
        SessionVoid voided = new SessionVoid(log, caller.subject(), request.reason().strip(), now());
        voids.persist(voided);
        voids.flush();
        return SessionLogView.of(log, null, voided);
    }

    @Transactional
    public PageView<SessionLogView> list(Caller caller, UUID patientId, LocalDate from, LocalDate to, int page,
                                         int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw InvalidInput.of("to", "must not be before from");
        }
        Patient patient = patients.require(caller, patientId);
        var query = logs.between(patient.id(), from, to).page(Page.of(page, size));
        List<SessionLog> found = query.list();
        return new PageView<>(views(found), page, size, query.count());
    }

    /** Every session of a patient the caller may reach, oldest first, voided and superseded ones marked. */
    @Transactional
    public List<SessionLogView> all(Caller caller, UUID patientId) {
        Patient patient = patients.require(caller, patientId);
        return views(logs.allOf(patient.id()));
    }

    /** The views of these logs, each with its correction and its void if any (two queries for them all). */
    public List<SessionLogView> views(List<SessionLog> found) {
        List<UUID> ids = found.stream().map(l -> l.id).toList();
        Map<UUID, UUID> corrections = logs.correctionsOf(ids);
        Map<UUID, SessionVoid> voided = voids.of(ids);
        return found.stream().map(l -> SessionLogView.of(l, corrections.get(l.id), voided.get(l.id))).toList();
    }

    private SessionLogView view(SessionLog log) {
        return views(List.of(log)).get(0);
    }

    /** The checks of a new log against its program and the clock; its items when they all pass. */
    private List<SessionItem> checkedItems(LogTarget target, LogSessionRequest request) {
        checkProgram(target, request);
        checkTime(request);
        checkWithinProgram(target, request);
        return items(target, request);
    }

    private static void checkProgram(LogTarget target, LogSessionRequest request) {
        if (target.programId() == null) {
            if (request.programId() != null) {
                throw InvalidInput.of("programId", "is not a program of this patient");
            }
            throw new Conflict("The patient has no open program to log a session against.");
        }
        if (!target.programStatus().isOpen()) {
            throw new Conflict("Program " + target.programId() + " is " + target.programStatus() + "; sessions can be "
                    + "logged against an active or paused program only.");
        }
        if (!target.safetyConfirmed()) {
            throw new Conflict("The pre-start safety check of program " + target.programId() + " is not confirmed "
                    + "yet; confirm it before the first session.");
        }
    }

    private void checkTime(LogSessionRequest request) {
        Instant performed = request.performedAt().toInstant();
        Instant now = clock.instant();
        if (performed.isAfter(now.plus(CLOCK_SKEW))) {
            throw InvalidInput.of("performedAt", "is in the future");
        }
        if (performed.isBefore(now.minus(OLDEST))) {
            throw InvalidInput.of("performedAt", "is more than a year ago");
        }
    }

    /**
     * A session belongs to its program's days: not before the program started, not after its end date. Its day is
     * the local date the client's offset gives (what weeks count by) or, when they differ (a client that sends
     * UTC), the day in the patient's time zone: a session is refused only when both fall outside the program.
     */
    private static void checkWithinProgram(LogTarget target, LogSessionRequest request) {
        LocalDate clientDay = request.performedAt().toLocalDate();
        LocalDate patientDay = request.performedAt().atZoneSameInstant(target.zone()).toLocalDate();
        LocalDate latest = clientDay.isAfter(patientDay) ? clientDay : patientDay;
        LocalDate earliest = clientDay.isAfter(patientDay) ? patientDay : clientDay;
        if (latest.isBefore(target.startDate())) {
            throw new Unprocessable("The session is dated " + clientDay + ", before program " + target.programId()
                    + " started on " + target.startDate() + ".");
        }
        if (target.endDate() != null && earliest.isAfter(target.endDate())) {
            throw new Unprocessable("The session is dated " + clientDay + ", after program " + target.programId()
                    + " ended on " + target.endDate() + ".");
        }
    }

    /**
     * The log's items, checked against the program: each names an item of it; an EACH_SIDE or ALTERNATING item is
     * logged per side (LEFT and RIGHT, once each) or as one entry without a side, never both ways; any other item
     * is one entry without a side (or with its own side, for an item prescribed on one side only).
     */
    private static List<SessionItem> items(LogTarget target, LogSessionRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<SessionItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            LogSessionRequest.Item item = request.items().get(i);
            LogTarget.Item prescribed = target.items().get(item.programItemId());
            if (prescribed == null) {
                errors.add(new Problem.FieldError("items[" + i + "].programItemId",
                        "is not an item of program " + target.programId()));
                continue;
            }
            Side side = item.side();
            if (side != null && side != Side.LEFT && side != Side.RIGHT) {
                errors.add(new Problem.FieldError("items[" + i + "].side", "must be LEFT, RIGHT or left out"));
                continue;
            }
            if (side != null && !prescribed.twoSided() && side != prescribed.side()) {
                errors.add(new Problem.FieldError("items[" + i + "].side", "must be left out: the item is done "
                        + prescribed.side() + ", not per side"));
                continue;
            }
            // one entry per item and side; on a two-sided item, a whole-item entry (no side) excludes per-side ones
            String key = item.programItemId() + "/";
            boolean repeated = side == null
                    ? !seen.add(key + "WHOLE") || seen.contains(key + Side.LEFT) || seen.contains(key + Side.RIGHT)
                    : !seen.add(key + side) || seen.contains(key + "WHOLE");
            if (side == null) {
                seen.add(key + "WHOLE");
            }
            if (repeated) {
                errors.add(new Problem.FieldError("items[" + i + "]", side == null
                        ? "repeats an item already logged (as a whole or per side)"
                        : "repeats an item already logged for the same side, or as a whole"));
                continue;
            }
            items.add(new SessionItem(item, prescribed.exerciseSlug()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return items;
    }

    /** The log's highest pain during an item, for the PAIN_DURING rule: the item (and side) and the pain. */
    private static AlertService.LoggedSession loggedSession(SessionLog log, UUID original) {
        SessionItem worst = null;
        for (SessionItem item : log.items) {
            if (item.painDuring != null && (worst == null || item.painDuring > worst.painDuring)) {
                worst = item;
            }
        }
        String where = worst == null ? null : worst.exerciseSlug
                + (worst.side == null ? "" : " (" + worst.side.name().toLowerCase(java.util.Locale.ROOT) + ")");
        return new AlertService.LoggedSession(log.clinicId, log.patientId, log.id,
                original != null ? original : log.id, log.programId, log.painBefore, log.painAfter,
                worst == null ? null : (int) worst.painDuring, where);
    }

    /**
     * A correction names a session of the same patient that nothing corrects yet. Returns the original session at
     * the head of the chain (a correction of a correction corrects the same original session), the one cause its
     * alerts are raised for; null for a log that corrects nothing.
     */
    private UUID checkCorrection(UUID patientId, LogSessionRequest request) {
        if (request.correctsId() == null) {
            return null;
        }
        SessionLog corrected = logs.findOfPatient(patientId, request.correctsId())
                .orElseThrow(() -> InvalidInput.of("correctsId", "is not a session of this patient"));
        if (voids.findById(request.correctsId()) != null) {
            throw new Conflict("Session " + request.correctsId() + " is voided; log the session anew instead of "
                    + "correcting it.");
        }
        logs.correctionOf(request.correctsId()).ifPresent(later -> {
            throw new Conflict("Session " + request.correctsId() + " was already corrected by " + later.id
                    + " (perhaps meanwhile); reload the patient's sessions and correct that one instead.");
        });
        for (int i = 0; corrected.correctsId != null && i < LONGEST_CHAIN; i++) {
            corrected = logs.findOfPatient(patientId, corrected.correctsId).orElseThrow();
        }
        return corrected.id;
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
