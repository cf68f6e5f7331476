package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private static final String COLUMNS = "at, request_id, subject, roles, clinic_id, patient_id, action, "
            + "http_method, status, outcome, decided_by, client_address, occurrences";
    private static final String INSERT = "INSERT INTO audit_event (" + COLUMNS + ") VALUES (COALESCE(?, now()), ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
                bind(insert, entry);
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

    /** Whether the current transaction has changed anything yet (PostgreSQL gives it an id at the first change). */
    boolean changedInThisTransaction() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT txid_current_if_assigned() IS NOT NULL");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
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

    private static void bind(PreparedStatement insert, AuditEntry entry) throws SQLException {
        setInstant(insert, 1, entry);
        insert.setString(2, entry.requestId());
        insert.setString(3, entry.subject());
        insert.setString(4, entry.roles());
        insert.setObject(5, entry.clinicId(), Types.OTHER);
        insert.setObject(6, entry.patientId(), Types.OTHER);
        insert.setString(7, entry.action());
        insert.setString(8, entry.httpMethod());
        if (entry.status() == null) {
            insert.setNull(9, Types.SMALLINT);
        } else {
            insert.setInt(9, entry.status());
        }
        insert.setString(10, entry.outcome());
        insert.setString(11, entry.decidedBy());
        insert.setString(12, entry.clientAddress());
        insert.setInt(13, entry.occurrences());
    }
}
