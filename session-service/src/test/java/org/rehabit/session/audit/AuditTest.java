package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Catalog;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.itemsBody;
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

    @Inject
    AnonymousAttempts attempts;

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
                "GET Patient.get 404 DENIED physio-" + other.id().toString().substring(0, 8),
                "GET Patient.get 403 DENIED editor"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet all = statement.executeQuery("SELECT string_agg(a::text, '|') FROM audit_event a")) {
            all.next();
            assertThat(all.getString(1), not(containsString("Mrs Secret")));
        }
    }

    /**
     * A log is stored in autocommit when it needs nothing else, in a transaction when it raises an alert or corrects
     * a log: either way its audit row and its day's rollup are written with it, once; a replay and a refusal store
     * nothing and leave their own row.
     */
    @Test
    void everyWayOfStoringALogLeavesOneRowAndItsRollup() throws SQLException {
        String patient = registerPatient(clinic, "Logan Ways");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-01"), CIRCLES);
        String token = clinic.patient(patient);
        String plainKey = UUID.randomUUID().toString();
        Map<String, Object> plain = session("2026-03-18T08:30:00+01:00", 3, 2, done(program.item(0)));
        String first = postSession(token, patient, plainKey, plain).statusCode(201).extract().path("id");
        postSession(token, patient, plainKey, plain).statusCode(201).header("Idempotent-Replayed", "true");
        postSession(token, patient, UUID.randomUUID().toString(),
                session("2026-03-18T18:00:00+01:00", 2, 9, done(program.item(0)))).statusCode(201);
        Map<String, Object> correction = session("2026-03-18T08:30:00+01:00", 3, 4, done(program.item(0)));
        correction.put("correctsId", first);
        postSession(token, patient, UUID.randomUUID().toString(), correction).statusCode(201);
        postSession(token, patient, UUID.randomUUID().toString(),
                session("2026-02-20T08:30:00+01:00", 3, 2, done(program.item(0)))).statusCode(422);

        String who = "patient-" + patient;
        assertThat(rowsOf(patient).subList(3, rowsOf(patient).size()), contains(
                "POST SessionLog.log COMMITTED " + who,
                "POST SessionLog.log 201 OK " + who,
                "POST SessionLog.log COMMITTED " + who,
                "POST SessionLog.log COMMITTED " + who,
                "POST SessionLog.log 422 ROLLED_BACK " + who));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT (SELECT count(*) FROM session_log WHERE patient_id = ?),
                            (SELECT pain_after_count || '/' || pain_after_sum FROM patient_day
                             WHERE patient_id = ? AND local_date = DATE '2026-03-18'),
                            (SELECT count(*) FROM alert WHERE patient_id = ?)""")) {
            for (int i = 1; i <= 3; i++) {
                query.setObject(i, UUID.fromString(patient));
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1), equalTo(3));
                // the corrected log's pain after (2) left the day when its correction (4) came; the alert's (9) stays
                assertThat(rs.getString(2), equalTo("2/13"));
                assertTrue(rs.getInt(3) > 0, "the alerting log raised its alert");
            }
        }
    }

    /**
     * Exactly one row per dashboard read, whether the clinic's figures were due (brought up to date, then read, in
     * two statements), read as stored, or computed for a window that is not stored; filed under the clinic, naming no
     * patient.
     */
    @Test
    void everyDashboardReadLeavesExactlyOneRow() throws SQLException {
        String patient = registerPatient(clinic, "Dora Dashboard");
        assertTrue(dueFigures() > 0, "a new patient's figures are due: the first read refreshes them");
        long before = maxId();
        for (String weeks : List.of("4", "4", "6")) {
            given().auth().oauth2(clinic.physio()).queryParam("weeks", weeks).queryParam("sort", "-painTrend")
                    .when().get("/clinics/{id}/summary", clinic.id()).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].patientId", equalTo(patient));
        }
        assertThat(dueFigures(), equalTo(0L));
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT http_method, action, status, outcome, subject, patient_id FROM audit_event
                     WHERE id > ? AND clinic_id = ? ORDER BY id""")) {
            query.setLong(1, before);
            query.setObject(2, clinic.id());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4)
                            + " " + rs.getString(5) + " " + rs.getObject(6));
                }
            }
        }
        String row = "GET ClinicSummary.summary 200 OK physio-" + clinic.id().toString().substring(0, 8) + " null";
        assertThat(rows, contains(row, row, row));
    }

    /** The clinic's patients whose dashboard figures are not true now (FiguresRepository.STALE_OF_CLINIC). */
    private long dueFigures() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM patient_refresh r WHERE "
                     + org.rehabit.session.progress.FiguresRepository.STALE_OF_CLINIC
                             .replace(":clinic", "?").replace(":now", "?"))) {
            query.setObject(1, clinic.id());
            query.setObject(2, clock.instant().atOffset(java.time.ZoneOffset.UTC));
            query.setObject(3, clock.instant().atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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

    @Test
    void anAssignmentThatFailsAfterItsFirstReadIsRecordedAsFailedNotCommitted() throws SQLException {
        String patient = registerPatient(clinic, "Failed Assignment");
        // the patient is read and checked (a transaction that commits), then the catalog refuses the exercise
        Catalog.resolve(List.of("no-such-move"), Map.of(), Map.of());
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, "no-such-move"))
                .when().post("/patients/{id}/programs", patient).then().statusCode(400);
        startProgram(clinic, patient, 3, LocalDate.parse("2026-03-01"), CIRCLES);
        // a second program while one is open: refused inside the transaction, which is rolled back
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, CIRCLES))
                .when().post("/patients/{id}/programs", patient).then().statusCode(409);

        String physio = "physio-" + clinic.id().toString().substring(0, 8);
        assertThat(rowsOf(patient), contains(
                "POST Patient.register COMMITTED " + physio,
                "POST Program.assign 400 REFUSED " + physio,
                "POST Program.assign COMMITTED " + physio,
                "POST Program.confirmSafety COMMITTED patient-" + patient,
                "POST Program.assign 409 ROLLED_BACK " + physio));
    }

    @Test
    void aProbeOfAnotherClinicsPatientIsVisibleToThatClinicAndTellsTheProberNothing() {
        String patient = registerPatient(clinic, "Probed Patient");
        Clinic prober = Clinic.fresh();
        String stranger = UUID.randomUUID().toString();
        given().auth().oauth2(prober.physio()).when().get("/patients/{id}", patient).then().statusCode(404);
        given().auth().oauth2(prober.physio()).when().get("/patients/{id}", stranger).then().statusCode(404);

        String proberSubject = "physio-" + prober.id().toString().substring(0, 8);
        given().auth().oauth2(clinic.admin()).queryParam("patientId", patient)
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200)
                .body("items.subject", hasItem(proberSubject))
                .body("items.find { it.subject == '" + proberSubject + "' }.outcome", equalTo("DENIED"))
                .body("items.find { it.subject == '" + proberSubject + "' }.status", equalTo(404));
        // the prober's clinic sees its own two misses alike: nothing says the first patient exists elsewhere
        var mine = given().auth().oauth2(prober.admin()).queryParam("outcome", "NOT_FOUND")
                .when().get("/clinics/{c}/audit", prober.id()).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.clinicId", everyItem(equalTo(prober.id().toString())))
                .extract().jsonPath();
        assertThat(mine.getList("items.patientId"), containsInAnyOrder(patient, stranger));
        assertThat(Set.copyOf(mine.getList("items.outcome")), equalTo(Set.of("NOT_FOUND")));
        given().auth().oauth2(prober.admin()).queryParam("outcome", "DENIED")
                .when().get("/clinics/{c}/audit", prober.id()).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aThousandAnonymousAttemptsFromOneAddressMakeAFewCountedRows() throws SQLException {
        String patient = registerPatient(clinic, "Flooded Patient");
        attempts.write(Instant.MAX);
        long before = maxId();
        for (int i = 0; i < 1000; i++) {
            given().when().get("/patients/{id}/sessions", patient).then().statusCode(401);
        }
        attempts.write(Instant.MAX);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT count(*), sum(occurrences), count(*) FILTER (WHERE clinic_id IS NOT NULL
                     OR patient_id IS NOT NULL), min(client_address), max(client_address)
                     FROM audit_event WHERE id > ? AND outcome = 'UNAUTHENTICATED'""")) {
            query.setLong(1, before);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat("rows: one per address, route and minute", rs.getLong(1), lessThanOrEqualTo(3L));
                assertThat("every attempt counted", rs.getLong(2), equalTo(1000L));
                assertThat("filed under no clinic or patient", rs.getLong(3), equalTo(0L));
                assertThat(rs.getString(4), equalTo(rs.getString(5)));
            }
        }
        assertThat(rowsOf(patient), contains("POST Patient.register COMMITTED physio-"
                + clinic.id().toString().substring(0, 8)));
    }

    private long maxId() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(max(id), 0) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
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
