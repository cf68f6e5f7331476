package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;

/**
 * The audit trail: every read and write of a patient's data and every refused or denied attempt leaves one row
 * (who, what, which patient, when, outcome), never a note or other free text; the table refuses changes.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class AuditTest extends ServiceTestBase {

    @Inject
    AgroalDataSource dataSource;

    private final Clinic clinic = Clinic.fresh();

    @Test
    void readsWritesRefusalsAndDenialsOfAPatientAreEachRecordedOnce() throws SQLException {
        String patient = registerPatient(clinic, "Audrey Audit");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-01"), CIRCLES);
        String notes = "my neighbour Mrs Secret helped " + UUID.randomUUID();
        Map<String, Object> body = session("2026-03-18T08:30:00+01:00", 3, 2, done(program.item(0)));
        body.put("notes", notes);
        String key = UUID.randomUUID().toString();
        postSession(clinic.patient(patient), patient, key, body).statusCode(201);
        postSession(clinic.patient(patient), patient, UUID.randomUUID().toString(), Map.of()).statusCode(400);
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/sessions", patient).then().statusCode(200);
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.physio()).when().get("/patients/{id}", patient).then().statusCode(404);
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/patients/{id}", patient).then().statusCode(403);
        given().when().get("/patients/{id}", patient).then().statusCode(401);

        List<String> rows = rowsOf(patient);
        assertThat(rows, contains(
                "POST Patient.register COMMITTED physio-" + clinic.id().toString().substring(0, 8),
                "POST Program.assign COMMITTED physio-" + clinic.id().toString().substring(0, 8),
                "POST Program.confirmSafety COMMITTED patient-" + patient,
                "POST SessionLog.log COMMITTED patient-" + patient,
                "POST SessionLog.log 400 REFUSED patient-" + patient,
                "GET SessionLog.list 200 OK physio-" + clinic.id().toString().substring(0, 8),
                "GET Patient.get 404 NOT_FOUND physio-" + other.id().toString().substring(0, 8),
                "GET Patient.get 403 DENIED editor",
                "GET Patient.get 401 UNAUTHENTICATED null"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet all = statement.executeQuery("SELECT string_agg(a::text, '|') FROM audit_event a")) {
            all.next();
            assertThat(all.getString(1), not(containsString("Mrs Secret")));
        }
    }

    @Test
    void aRegistrationsRowNamesThePatientItCreatedInTheCallersClinic() throws SQLException {
        String patient = registerPatient(clinic, "New Patient");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT patient_id, clinic_id, decided_by FROM audit_event
                     WHERE action = 'Patient.register' AND clinic_id = ?""")) {
            query.setObject(1, clinic.id());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "the registration has a row");
                assertThat(rs.getObject(1, UUID.class).toString(), equalTo(patient));
                assertThat(rs.getObject(2, UUID.class), equalTo(clinic.id()));
                assertThat(rs.getString(3), equalTo("session-service"));
                assertFalse(rs.next(), "and only one");
            }
        }
    }

    @Test
    void theAuditTableRefusesUpdatesDeletesAndTruncation() throws SQLException {
        registerPatient(clinic, "Append Only");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE audit_event SET outcome = 'OK'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_event"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("TRUNCATE audit_event"));
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM audit_event")) {
                count.next();
                assertTrue(count.getLong(1) > 0, "the rows are all still there");
            }
        }
    }

    /** The patient's rows, oldest first, as "METHOD action status outcome subject". */
    private List<String> rowsOf(String patient) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT http_method, action, status, outcome, subject FROM audit_event
                     WHERE patient_id = ? ORDER BY id""")) {
            query.setObject(1, UUID.fromString(patient));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " "
                            + (rs.getObject(3) == null ? "" : rs.getInt(3) + " ") + rs.getString(4) + " "
                            + rs.getString(5));
                }
            }
        }
        return rows;
    }
}
