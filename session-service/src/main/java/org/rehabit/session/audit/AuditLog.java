package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Appends to the audit trail ({@code audit_event}). Inside a JTA transaction the connection is the
 * transaction's own, so the row commits or rolls back with the write it describes.
 *
 * <p>A caller's 404 on a patient of another clinic (a probe across clinics) leaves a second row, filed under the
 * patient's clinic: the targeted clinic sees who tried. The caller's own row is the same whether the patient
 * exists elsewhere or not, so the prober's clinic learns nothing about the other clinic.
 */
@ApplicationScoped
public class AuditLog {

    /** The columns of a row, in the order of {@link #ROW} and {@link #bind}. */
    public static final String COLUMNS = "at, request_id, subject, roles, clinic_id, patient_id, action, "
            + "http_method, status, outcome, decided_by, client_address, occurrences";
    /**
     * A row's values as parameters, typed (so that they also serve in an {@code INSERT ... SELECT}), bound by
     * {@link #bind}; {@code at} null is the database's time of the insert.
     */
    public static final String ROW = "COALESCE(CAST(? AS timestamptz), now()), CAST(? AS varchar), "
            + "CAST(? AS varchar), CAST(? AS varchar), CAST(? AS uuid), CAST(? AS uuid), CAST(? AS varchar), "
            + "CAST(? AS varchar), CAST(? AS smallint), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), "
            + "CAST(? AS integer)";
    /** The number of parameters of {@link #ROW}. */
    public static final int ROW_PARAMETERS = 13;
    private static final String INSERT = "INSERT INTO audit_event (" + COLUMNS + ") VALUES (" + ROW + ")";
    /**
     * The row, only if the current transaction has changed anything yet (PostgreSQL gives it an id at the first
     * change; {@code pg_current_xact_id_if_assigned}, PostgreSQL 13 and later): the check and the insert in one
     * statement.
     */
    private static final String INSERT_IF_CHANGED = "INSERT INTO audit_event (" + COLUMNS + ") SELECT " + ROW
            + " WHERE pg_current_xact_id_if_assigned() IS NOT NULL";
    /** The targeted clinic's row of a probe: only when the patient exists and is not the caller's clinic's. */
    private static final String PROBE = "INSERT INTO audit_event (" + COLUMNS + ") SELECT COALESCE(?, now()), ?, ?, "
            + "?, p.clinic_id, p.id, ?, ?, ?, 'DENIED', ?, NULL, 1 FROM patient p WHERE p.id = ? AND p.clinic_id <> ?";

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(AuditEntry entry) throws SQLException {
        appendAll(List.of(entry));
    }

    /** Appends every entry, in one statement batch: inside a transaction all or none. */
    public void appendAll(List<AuditEntry> entries) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEntry entry : entries) {
                bind(insert, 1, entry);
                if (entries.size() > 1) {
                    insert.addBatch();
                }
            }
            if (entries.size() > 1) {
                insert.executeBatch();
            } else if (!entries.isEmpty()) {
                insert.executeUpdate();
            }
            for (AuditEntry entry : entries) {
                if (isProbe(entry)) {
                    fileUnderTarget(connection, entry);
                }
            }
        }
    }

    /**
     * Appends the entry if the current transaction has changed anything yet (its changes flushed first: an unflushed
     * change has no transaction id); returns whether it did.
     */
    boolean appendIfChanged(AuditEntry entry) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_IF_CHANGED)) {
            bind(insert, 1, entry);
            if (insert.executeUpdate() == 0) {
                return false;
            }
            if (isProbe(entry)) {
                fileUnderTarget(connection, entry);
            }
            return true;
        }
    }

    private static boolean isProbe(AuditEntry entry) {
        return entry.status() != null && entry.status() == 404 && entry.subject() != null && entry.clinicId() != null
                && entry.patientId() != null;
    }

    private static void fileUnderTarget(Connection connection, AuditEntry entry) throws SQLException {
        try (PreparedStatement probe = connection.prepareStatement(PROBE)) {
            setInstant(probe, 1, entry);
            probe.setString(2, entry.requestId());
            probe.setString(3, entry.subject());
            probe.setString(4, entry.roles());
            probe.setString(5, entry.action());
            probe.setString(6, entry.httpMethod());
            probe.setInt(7, entry.status());
            probe.setString(8, entry.decidedBy());
            probe.setObject(9, entry.patientId(), Types.OTHER);
            probe.setObject(10, entry.clinicId(), Types.OTHER);
            probe.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement statement, int index, AuditEntry entry) throws SQLException {
        if (entry.at() == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, entry.at().atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * Binds the {@link #ROW_PARAMETERS} parameters of {@link #ROW} from {@code first} on to {@code entry}; to nulls
     * (and one occurrence) when it is null, for a statement that then writes no row.
     */
    public static void bind(PreparedStatement insert, int first, AuditEntry entry) throws SQLException {
        if (entry == null) {
            for (int i = 0; i < ROW_PARAMETERS - 1; i++) {
                insert.setNull(first + i, Types.NULL);
            }
            insert.setInt(first + 12, 1);
            return;
        }
        setInstant(insert, first, entry);
        insert.setString(first + 1, entry.requestId());
        insert.setString(first + 2, entry.subject());
        insert.setString(first + 3, entry.roles());
        insert.setObject(first + 4, entry.clinicId(), Types.OTHER);
        insert.setObject(first + 5, entry.patientId(), Types.OTHER);
        insert.setString(first + 6, entry.action());
        insert.setString(first + 7, entry.httpMethod());
        if (entry.status() == null) {
            insert.setNull(first + 8, Types.SMALLINT);
        } else {
            insert.setInt(first + 8, entry.status());
        }
        insert.setString(first + 9, entry.outcome());
        insert.setString(first + 10, entry.decidedBy());
        insert.setString(first + 11, entry.clientAddress());
        insert.setInt(first + 12, entry.occurrences());
    }
}
