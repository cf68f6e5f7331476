package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.rehabit.session.patient.NameKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Patients are sorted and searched by stored keys computed in Java ({@link NameKey}), compared byte by byte
 * (collation "C"), instead of the server's collation: the same order on PostgreSQL 15 to 18 whatever the server's
 * locale. A Java migration so that existing rows get exactly the key the service writes (no SQL copy of the rule).
 * Rows keep their revision: a key is not an edit.
 */
public class V7__patient_name_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        try (Statement st = db.createStatement()) {
            st.execute("ALTER TABLE patient ADD COLUMN name_key text COLLATE \"C\", "
                    + "ADD COLUMN ref_key text COLLATE \"C\"");
        }
        try (Statement read = db.createStatement();
             ResultSet rows = read.executeQuery("SELECT id, display_name, external_ref FROM patient");
             PreparedStatement write = db.prepareStatement(
                     "UPDATE patient SET name_key = ?, ref_key = ? WHERE id = ?")) {
            int batched = 0;
            while (rows.next()) {
                write.setString(1, NameKey.of(rows.getString("display_name")));
                write.setString(2, NameKey.of(rows.getString("external_ref")));
                write.setObject(3, rows.getObject("id", UUID.class));
                write.addBatch();
                if (++batched % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        try (Statement st = db.createStatement()) {
            st.execute("ALTER TABLE patient ALTER COLUMN name_key SET NOT NULL");
            // the patient list and the dashboard page a clinic's patients in this order
            st.execute("DROP INDEX patient_clinic_name_idx");
            st.execute("CREATE INDEX patient_clinic_name_key_idx ON patient (clinic_id, name_key, id)");
        }
    }
}
