package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Appends to the audit trail ({@code audit_event}). Inside a JTA transaction the connection is the
 * transaction's own, so the row commits or rolls back with the write it describes.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_event (request_id, subject, roles, clinic_id, patient_id, "
            + "action, http_method, status, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(AuditEntry entry) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, entry.requestId());
            insert.setString(2, entry.subject());
            insert.setString(3, entry.roles());
            insert.setObject(4, entry.clinicId());
            insert.setObject(5, entry.patientId());
            insert.setString(6, entry.action());
            insert.setString(7, entry.httpMethod());
            if (entry.status() == null) {
                insert.setNull(8, Types.SMALLINT);
            } else {
                insert.setInt(8, entry.status());
            }
            insert.setString(9, entry.outcome());
            insert.executeUpdate();
        }
    }
}
