package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.patientBody;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * Nothing is acknowledged without its audit row: while the audit table cannot be written, a read answers 503 with
 * Retry-After instead of the data, and a write answers 503 and leaves nothing behind. The table is taken away by
 * renaming it (the tests' database role owns everything, so revoking INSERT would not bind it) and given back after.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class AuditOutageTest extends ServiceTestBase {

    @Inject
    AgroalDataSource dataSource;

    private final Clinic clinic = Clinic.fresh();
    private boolean away;

    private void auditTableAway() throws SQLException {
        execute("ALTER TABLE audit_event RENAME TO audit_event_away");
        away = true;
    }

    @AfterEach
    void auditTableBack() throws SQLException {
        if (away) {
            execute("ALTER TABLE audit_event_away RENAME TO audit_event");
            away = false;
        }
    }

    @Test
    void aReadWhoseRowCannotBeWrittenIsA503WithRetryAfterNotTheData() throws SQLException {
        String patient = registerPatient(clinic, "Unaudited Read");
        auditTableAway();
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", patient).then()
                .spec(problem(503, "unavailable"))
                .header("Retry-After", equalTo("5"))
                .body("displayName", equalTo(null));
        auditTableBack();
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", patient).then().statusCode(200)
                .body("displayName", equalTo("Unaudited Read"));
    }

    @Test
    void aWriteWhoseRowCannotBeWrittenIsA503AndStoresNothing() throws SQLException {
        auditTableAway();
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody("Never Stored", "N-1", "UTC")).when().post("/patients").then()
                .spec(problem(503, "unavailable"))
                .header("Retry-After", equalTo("5"));
        auditTableBack();
        given().auth().oauth2(clinic.physio()).when().get("/patients").then().statusCode(200)
                .body("total", equalTo(0));
        // the same request again, now that the trail can be written, is stored once (with its row)
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody("Never Stored", "N-1", "UTC")).when().post("/patients").then().statusCode(201);
        given().auth().oauth2(clinic.physio()).when().get("/patients").then().statusCode(200)
                .body("total", equalTo(1));
    }

    /** Without the table a dashboard read is a 503 that shows no patient, whether the figures were due or stored. */
    @Test
    void aDashboardReadWhoseRowCannotBeWrittenIsA503AndShowsNothing() throws SQLException {
        registerPatient(clinic, "Unaudited Dashboard");
        for (int read = 0; read < 2; read++) { // first with the new patient's figures due, then as stored
            auditTableAway();
            given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/summary", clinic.id()).then()
                    .spec(problem(503, "unavailable"))
                    .header("Retry-After", equalTo("5"))
                    .body("items", equalTo(null))
                    .body("total", equalTo(null));
            auditTableBack();
            given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/summary", clinic.id()).then()
                    .statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].displayName", equalTo("Unaudited Dashboard"));
        }
    }

    /** A session log writes its row in the log's own statement: without the table, nothing of it is stored. */
    @Test
    void aSessionLogWhoseRowCannotBeWrittenIsA503AndStoresNothing() throws SQLException {
        clock.set(java.time.Instant.parse("2026-03-18T12:00:00Z"));
        String patient = registerPatient(clinic, "Unaudited Log");
        String token = clinic.patient(patient);
        var program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-01"), CIRCLES);
        String key = UUID.randomUUID().toString();
        var body = session("2026-03-18T08:30:00+01:00", 3, 2,
                done(program.item(0)));
        auditTableAway();
        postSession(token, patient, key, body)
                .spec(problem(503, "unavailable"))
                .header("Retry-After", equalTo("5"));
        auditTableBack();
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient).then().statusCode(200)
                .body("total", equalTo(0));
        // the retry, now that the trail can be written, is stored once
        postSession(token, patient, key, body).statusCode(201).header("Idempotent-Replayed", "false");
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient).then().statusCode(200)
                .body("total", equalTo(1));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
