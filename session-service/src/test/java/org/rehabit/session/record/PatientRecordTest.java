package org.rehabit.session.record;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.IDEMPOTENCY_KEY;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * One patient's record: its export (JSON, and a printable HTML page that escapes what was typed) and its erasure on
 * request, which leaves no row holding the patient's id in any table of the session database.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class PatientRecordTest extends ServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-03-18T15:00:00Z");
    private static final String HOSTILE = "<script>alert('x')</script> & \"Bobby\"";

    @Inject
    AgroalDataSource dataSource;

    /** A patient with something in every table a patient's data reaches; answers their id. */
    private String richPatient(Clinic clinic, String name) {
        String patient = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .body(Map.of("displayName", name, "externalRef", "R-" + name.hashCode(), "timezone", "UTC"))
                .when().post("/patients").then().statusCode(201).extract().path("id");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES, TWIST);
        String etag = given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("sessionsPerWeek", 4, "notes", HOSTILE))
                .when().patch("/patients/{id}/programs/{p}", patient, program.id()).then().statusCode(200);
        transition(clinic.physio(), patient, program.id(), "pause").statusCode(200);
        transition(clinic.physio(), patient, program.id(), "resume").statusCode(200);
        String token = clinic.patient(patient);
        Map<String, Object> first = session("2026-03-16T09:00:00Z", 2, 8, done(program.item(0)));
        first.put("notes", HOSTILE);
        String painful = logSession(token, patient, first); // pain 8: an alert
        Map<String, Object> correction = session("2026-03-16T09:00:00Z", 2, 3, done(program.item(0)));
        correction.put("correctsId", painful);
        logSession(token, patient, correction);
        String wrong = logSession(token, patient, session("2026-03-17T09:00:00Z", 1, 1, done(program.item(1))));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(Map.of("reason", "twice"))
                .when().post("/patients/{id}/sessions/{s}/void", patient, wrong).then().statusCode(200);
        String alert = given().auth().oauth2(clinic.physio()).queryParam("patientId", patient)
                .when().get("/clinics/{c}/alerts", clinic.id())
                .then().statusCode(200).body("items", hasSize(2)).extract().path("items[0].id"); // high, rise
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, UUID.randomUUID().toString()).body(Map.of("note", "called"))
                .when().post("/alerts/{id}/acknowledge", alert).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "age", 40, "height", Map.of("cm", 170), "weight", Map.of("kg", 70),
                        "activityLevel", "LIGHT", "goal", "MAINTAIN"))
                .when().put("/patients/{id}/energy-profile", patient).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .body(Map.of("measuredOn", "2026-03-17", "weight", Map.of("kg", 69.5)))
                .when().post("/patients/{id}/weights", patient).then().statusCode(201);
        CatalogStub.instrument("ndi", 1, CatalogStub.ndi(1), true);
        String measure = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("instrument", "ndi", "schedule", "INTAKE"))
                .when().post("/patients/{id}/outcome-measures", patient).then().statusCode(201).extract().path("id");
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            answers.put("s" + i, 2);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post("/patients/{id}/outcome-measures/{m}/responses", patient, measure)
                .then().statusCode(201);
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 4)
                .when().get("/clinics/{c}/summary", clinic.id()).then().statusCode(200); // stored figures
        return patient;
    }

    @Test
    void theExportHoldsTheWholeRecordAsJsonAndAsAPrintablePage() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = richPatient(clinic, "Ada " + HOSTILE);

        for (String token : List.of(clinic.physio(), clinic.admin(), clinic.patient(patient))) {
            given().auth().oauth2(token).when().get("/patients/{id}/export", patient)
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .body("patient.id", equalTo(patient))
                    .body("patient.displayName", equalTo("Ada " + HOSTILE))
                    .body("programs", hasSize(1))
                    .body("programs[0].program.items", hasSize(2))
                    .body("programs[0].history.entries.kind", equalTo(List.of("ASSIGNED", "ADJUSTED")))
                    .body("sessions", hasSize(3))
                    .body("sessions.findAll { it.voided != null }.voided.reason", equalTo(List.of("twice")))
                    .body("sessions.findAll { it.supersededBy != null }", hasSize(1))
                    .body("energyProfile.goal", equalTo("MAINTAIN"))
                    .body("weights.entries", hasSize(1))
                    .body("alerts", hasSize(2))
                    .body("alerts.acknowledgedNote", hasItem("called"))
                    .body("outcomeMeasures.instrument", equalTo(List.of("ndi")))
                    .body("outcomeMeasures[0].responses.score", equalTo(List.of(20.0f)))
                    .body("figures.weeks", equalTo(12))
                    .body("figures.sessionsDone", equalTo(1)); // the correction; the voided one is out
        }

        String page = given().auth().oauth2(clinic.physio()).accept("text/html")
                .when().get("/patients/{id}/export", patient)
                .then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .extract().asString();
        assertThat(page, not(containsString("<script")));
        assertThat(page, containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bobby&quot;"));
        assertThat(page, containsString("Voided"));
        assertThat(page, containsString("shoulder-circles"));
        assertThat(page, containsString("Neck Disability Index (ndi v1)"));
        assertThat(page, containsString("<td>20.0</td>"));
        given().auth().oauth2(clinic.patient(patient)).queryParam("format", "html")
                .when().get("/patients/{id}/export", patient)
                .then().statusCode(200).contentType(startsWith("text/html"));
        given().auth().oauth2(clinic.physio()).queryParam("format", "pdf")
                .when().get("/patients/{id}/export", patient).then().spec(invalid("format"));

        // nobody else reads it
        String other = registerPatient(clinic, "Other");
        given().auth().oauth2(clinic.patient(other)).when().get("/patients/{id}/export", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(Clinic.fresh().admin()).when().get("/patients/{id}/export", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/patients/{id}/export", patient)
                .then().statusCode(403);
    }

    @Test
    void erasureLeavesNoRowHoldingThePatientsIdInAnyTable() throws SQLException {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = richPatient(clinic, "Erin Erase");
        String staying = richPatient(clinic, "Stan Stay");
        List<String> ids = idsOf(clinic, patient);
        Map<String, Long> before = rowsHolding(ids);
        assertTrue(before.size() >= 18, "the patient's data is in many tables: " + before);
        List<String> stayingIds = idsOf(clinic, staying);
        Map<String, Long> stayingBefore = withoutAudit(rowsHolding(stayingIds));

        // refusals change nothing
        erase(clinic.admin(), patient, Map.of("confirmPatientId", staying)).spec(invalid("confirmPatientId"));
        erase(clinic.admin(), patient, Map.of()).spec(invalid("confirmPatientId"));
        erase(clinic.physio(), patient, Map.of("confirmPatientId", patient)).statusCode(403);
        erase(clinic.patient(patient), patient, Map.of("confirmPatientId", patient)).statusCode(403);
        erase(Clinic.fresh().admin(), patient, Map.of("confirmPatientId", patient))
                .spec(problem(404, "not-found"));
        assertEquals(withoutAudit(before), withoutAudit(rowsHolding(ids))); // (the refusals are audited)

        erase(clinic.admin(), patient, Map.of("confirmPatientId", patient)).statusCode(200)
                .body("patientId", equalTo(patient))
                // every row found holding the ids but the audit's, which the refusals added to
                .body("rowsDeleted", greaterThan((int) withoutAudit(before).values().stream()
                        .mapToLong(Long::longValue).sum()));

        assertEquals(Map.of(), rowsHolding(ids));
        assertEquals(stayingBefore, withoutAudit(rowsHolding(stayingIds))); // (reading it adds audit rows)
        // the trail keeps that it happened, by whom and when, not whom
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", clinic.id())
                .then().statusCode(200)
                .body("items.find { it.action == 'Erasure.erase' && it.outcome == 'COMMITTED' }.subject",
                        equalTo("admin-" + clinic.id().toString().substring(0, 8)))
                .body("items.find { it.action == 'Erasure.erase' && it.outcome == 'COMMITTED' }.patientId",
                        nullValue())
                .body("items.find { it.action == 'Erasure.erase' && it.outcome == 'COMMITTED' }.at",
                        notNullValue());
        // the patient's token reaches nothing any more; nor does anyone's
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}/sessions", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/export", patient)
                .then().spec(problem(404, "not-found"));
        erase(clinic.admin(), patient, Map.of("confirmPatientId", patient)).spec(problem(404, "not-found"));
        // the other patient of the clinic is untouched, and still on the dashboard
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/sessions", staying)
                .then().statusCode(200).body("total", equalTo(3));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 4)
                .when().get("/clinics/{c}/summary", clinic.id())
                .then().statusCode(200).body("items.patientId", equalTo(List.of(staying)))
                .body("total", equalTo(1));
    }

    private static io.restassured.response.ValidatableResponse erase(String token, String patient, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/erasure", patient).then();
    }

    private static Map<String, Long> withoutAudit(Map<String, Long> rows) {
        Map<String, Long> rest = new TreeMap<>(rows);
        rest.keySet().removeIf(table -> table.startsWith("audit_event"));
        return rest;
    }

    /** The patient's id and the ids of their programs, program items, sessions and alerts (from the export). */
    private static List<String> idsOf(Clinic clinic, String patient) {
        var record = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/export", patient)
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = new ArrayList<>(List.of(patient));
        ids.addAll(record.getList("programs.program.id", String.class));
        ids.addAll(record.getList("programs.program.items.flatten().id", String.class));
        ids.addAll(record.getList("sessions.id", String.class));
        ids.addAll(record.getList("alerts.id", String.class));
        assertTrue(ids.size() > 6, ids::toString);
        return ids;
    }

    /**
     * Every table of the session database (from information_schema: whatever a later migration adds is searched
     * too) with the number of its rows whose text holds one of the ids, in any column.
     */
    private Map<String, Long> rowsHolding(List<String> ids) throws SQLException {
        Map<String, Long> found = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("""
                         SELECT table_name FROM information_schema.tables
                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                         ORDER BY table_name""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables, hasItem("session_log"));
            assertThat(tables.size(), greaterThan(15));
            for (String table : tables) {
                try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM ONLY \"" + table + "\" t "
                                + "WHERE EXISTS (SELECT 1 FROM unnest(?::text[]) i WHERE strpos(t::text, i) > 0)")) {
                    count.setArray(1, connection.createArrayOf("text", ids.toArray()));
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.put(table, rs.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }
}
