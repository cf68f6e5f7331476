package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Unavailable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The audit trail's two ways in besides the service's own rows: the gateway's denials, recorded in one batch, and
 * a clinic admin's paged view of their clinic's rows, newest first.
 */
@ApplicationScoped
public class AuditService {

    /** How far a denial's time may lie ahead of this service's clock (clocks differ a little). */
    private static final Duration AHEAD = Duration.ofMinutes(5);
    /** How old a delivered denial may be: the gateway keeps undelivered ones in memory, never for days. */
    private static final Duration OLDEST = Duration.ofDays(7);

    private final AuditLog log;
    private final AnonymousAttempts anonymous;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public AuditService(AuditLog log, AnonymousAttempts anonymous, AgroalDataSource dataSource, Clock clock) {
        this.log = log;
        this.anonymous = anonymous;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Records the gateway's denials, all or none; a denial whose status and outcome disagree is refused. Anonymous
     * ones (401) are counted per address and minute ({@link AnonymousAttempts}) rather than written one by one.
     */
    @Transactional
    public void recordGatewayDenials(List<GatewayDenial> denials) {
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>(denials.size());
        for (int i = 0; i < denials.size(); i++) {
            GatewayDenial denial = denials.get(i);
            String field = "denials[" + i + "]";
            String expected = switch (denial.status()) {
                case 401 -> "UNAUTHENTICATED";
                case 403 -> "DENIED";
                default -> throw InvalidInput.of(field + ".status", "must be 401 or 403");
            };
            if (!expected.equals(denial.outcome())) {
                throw InvalidInput.of(field + ".outcome", "must be " + expected + " with status " + denial.status());
            }
            Instant at;
            try {
                at = Instant.parse(denial.at());
            } catch (DateTimeParseException e) {
                throw InvalidInput.of(field + ".at", "must be an instant in UTC, e.g. 2026-11-24T08:30:00.123Z");
            }
            if (at.isAfter(now.plus(AHEAD)) || at.isBefore(now.minus(OLDEST))) {
                throw InvalidInput.of(field + ".at", "must be within the last 7 days");
            }
            String roles = denial.roles() == null || denial.roles().isEmpty() ? null
                    : String.join(",", new TreeSet<>(denial.roles()));
            entries.add(new AuditEntry(at, denial.requestId(), denial.subject(), roles, denial.clinicId(),
                    denial.patientId(), denial.action(), denial.method(), denial.status(), denial.outcome(),
                    AuditEntry.GATEWAY, denial.clientAddress(), 1));
        }
        List<AuditEntry> rows = new ArrayList<>(entries.size());
        List<AuditEntry> anonymousOnes = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (entry.status() == 401) {
                anonymousOnes.add(entry);
            } else {
                rows.add(new AuditEntry(entry.at(), entry.requestId(), entry.subject(), entry.roles(),
                        entry.clinicId(), entry.patientId(), entry.action(), entry.httpMethod(), entry.status(),
                        entry.outcome(), entry.decidedBy(), null, 1));
            }
        }
        try {
            log.appendAll(rows);
        } catch (SQLException e) {
            throw new Unavailable("The denials could not be recorded; deliver them again shortly.", 5, e);
        }
        // counted once the rows are in: a batch delivered again after a failure is not counted twice
        anonymousOnes.forEach(entry -> anonymous.count(entry.at(), entry.clientAddress(), entry.action(),
                entry.httpMethod(), AuditEntry.GATEWAY));
    }

    /**
     * One page of the rows of {@code clinicId} (the caller's own; any other clinic is not found), newest first,
     * optionally of one patient, in {@code [from, to)}, with one outcome, older than the {@code before} position.
     * Keyset paging: each page is one index range, however long the history.
     */
    public AuditPage list(Caller caller, UUID clinicId, UUID patientId, Instant from, Instant to, String outcome,
                          AuditCursor before, int size) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
        StringBuilder where = new StringBuilder(" WHERE clinic_id = ?");
        List<Object> args = new ArrayList<>(List.of(clinicId));
        if (patientId != null) {
            where.append(" AND patient_id = ?");
            args.add(patientId);
        }
        if (from != null) {
            where.append(" AND at >= ?");
            args.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            where.append(" AND at < ?");
            args.add(to.atOffset(ZoneOffset.UTC));
        }
        if (outcome != null) {
            where.append(" AND outcome = ?");
            args.add(outcome);
        }
        if (before != null) {
            where.append(" AND (at, id) < (?, ?)");
            args.add(before.at().atOffset(ZoneOffset.UTC));
            args.add(before.id());
        }
        args.add(size + 1);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rows = prepare(connection, "SELECT id, at, request_id, subject, roles, clinic_id, "
                     + "patient_id, action, http_method, status, outcome, decided_by FROM audit_event" + where
                     + " ORDER BY at DESC, id DESC LIMIT ?", args);
             ResultSet rs = rows.executeQuery()) {
            List<AuditEventView> items = new ArrayList<>();
            while (rs.next()) {
                String roles = rs.getString(5);
                Integer status = rs.getObject(10) == null ? null : rs.getInt(10);
                items.add(new AuditEventView(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)
                        .withOffsetSameInstant(ZoneOffset.UTC), rs.getString(3), rs.getString(4),
                        roles == null ? List.of() : Arrays.asList(roles.split(",")),
                        rs.getObject(6, UUID.class), rs.getObject(7, UUID.class), rs.getString(8),
                        rs.getString(9), status, rs.getString(11), rs.getString(12)));
            }
            String next = null;
            if (items.size() > size) {
                items.remove(size);
                AuditEventView last = items.get(size - 1);
                next = new AuditCursor(last.at().toInstant(), last.id()).toString();
            }
            return new AuditPage(items, size, next);
        } catch (SQLException e) {
            throw new Unavailable("The audit trail cannot be read right now; try again shortly.", 5, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> args)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
        return statement;
    }
}
