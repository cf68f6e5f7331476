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
 * <p>A row whose request named a patient but no clinic (no valid token) is filed under that patient's clinic, when
 * the patient exists: an attempt on a clinic's patient is that clinic's to see.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_event (at, request_id, subject, roles, clinic_id, "
            + "patient_id, action, http_method, status, outcome, decided_by) VALUES (COALESCE(?, now()), ?, ?, ?, "
            + "COALESCE(?, (SELECT p.clinic_id FROM patient p WHERE p.id = ?)), ?, ?, ?, ?, ?, ?)";

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
        }
    }

    private static void bind(PreparedStatement insert, AuditEntry entry) throws SQLException {
        if (entry.at() == null) {
            insert.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            insert.setObject(1, entry.at().atOffset(ZoneOffset.UTC));
        }
        insert.setString(2, entry.requestId());
        insert.setString(3, entry.subject());
        insert.setString(4, entry.roles());
        insert.setObject(5, entry.clinicId(), Types.OTHER);
        insert.setObject(6, entry.patientId(), Types.OTHER);
        insert.setObject(7, entry.patientId(), Types.OTHER);
        insert.setString(8, entry.action());
        insert.setString(9, entry.httpMethod());
        if (entry.status() == null) {
            insert.setNull(10, Types.SMALLINT);
        } else {
            insert.setInt(10, entry.status());
        }
        insert.setString(11, entry.outcome());
        insert.setString(12, entry.decidedBy());
    }
}
