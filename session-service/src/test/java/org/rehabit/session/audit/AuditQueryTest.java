package org.rehabit.session.audit;

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
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.rehabit.session.audit.GatewayDenialTest.KEY;
import static org.rehabit.session.audit.GatewayDenialTest.denial;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * A clinic admin reads their clinic's audit trail: newest first, paged, by patient, time and outcome, the gateway's
 * denials among the service's own rows; nobody else may (other clinics 404, other roles 403); reading it is audited.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class AuditQueryTest extends ServiceTestBase {

    @Inject
    AgroalDataSource dataSource;

    private final Clinic clinic = Clinic.fresh();

    @Test
    void theClinicAdminSeesTheClinicsRowsNewestFirstWithTheGatewaysDenials() throws SQLException {
        String ada = registerPatient(clinic, "Ada Audit");
        String bob = registerPatient(clinic, "Bob Audit");
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", ada).then().statusCode(200);
        given().auth().oauth2(clinic.patient(bob)).when().get("/patients/{id}", ada).then().statusCode(404);
        given().contentType(ContentType.JSON).header(IngestKey.HEADER, KEY).body(Map.of("denials", List.of(
                denial("gw-" + UUID.randomUUID(), "patient-" + bob, List.of("patient"), clinic.id(), null,
                        "/api/v1/clinics/{clinicId}/dashboard", "GET", 403, "DENIED"))))
                .when().post("/audit/gateway-denials").then().statusCode(204);
        Clinic other = Clinic.fresh();
        registerPatient(other, "Someone Else");

        var all = given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", clinic.id()).then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("items", hasSize(5)).body("next", equalTo(null)).body("size", equalTo(50))
                .body("items.clinicId", everyItem(equalTo(clinic.id().toString())))
                .extract().jsonPath();
        assertThat(all.getList("items.action"), contains("/api/v1/clinics/{clinicId}/dashboard", "Patient.get",
                "Patient.get", "Patient.register", "Patient.register"));
        assertThat(all.getList("items.decidedBy"), contains("gateway", "session-service", "session-service",
                "session-service", "session-service"));
        assertThat(all.getList("items.outcome"), contains("DENIED", "NOT_FOUND", "OK", "COMMITTED", "COMMITTED"));
        assertThat(all.getList("items[0].roles"), contains("patient"));
        assertThat(all.getString("items[0].subject"), equalTo("patient-" + bob));
        assertThat(all.getInt("items[0].status"), equalTo(403));
        assertThat(all.get("items[3].status"), equalTo(null));

        given().auth().oauth2(clinic.admin()).queryParam("patientId", ada).when().get("/clinics/{c}/audit",
                clinic.id()).then().statusCode(200).body("items", hasSize(3))
                .body("items.action", contains("Patient.get", "Patient.get", "Patient.register"));
        given().auth().oauth2(clinic.admin()).queryParam("outcome", "denied").when().get("/clinics/{c}/audit",
                clinic.id()).then().statusCode(200).body("items.action",
                        contains("/api/v1/clinics/{clinicId}/dashboard"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().auth().oauth2(clinic.admin()).queryParam("from", today).queryParam("to", today)
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200)
                .body("items", hasSize(8)); // the admin's three reads before this one are in the trail now
        given().auth().oauth2(clinic.admin()).queryParam("to", Instant.now().minusSeconds(3600).toString())
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void pagesFollowOneAnotherByTheNextTokenWithoutGapsOrRepeats() {
        String ada = registerPatient(clinic, "Ada Pages");
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", ada).then().statusCode(200);
        }
        List<Object> whole = given().auth().oauth2(clinic.admin()).queryParam("patientId", ada)
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200).body("next", equalTo(null))
                .extract().jsonPath().getList("items.id");
        assertThat(whole, hasSize(7));
        List<Object> paged = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var page = given().auth().oauth2(clinic.admin()).queryParam("patientId", ada).queryParam("size", 3)
                    .queryParam("before", next == null ? "" : next)
                    .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(pages, equalTo(3));
        assertThat(paged, equalTo(whole));
    }

    @Test
    void readingTheAuditIsItselfAudited() throws SQLException {
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT subject, status, outcome FROM audit_event WHERE action = 'Audit.list' AND clinic_id = ?""")) {
            query.setObject(1, clinic.id());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3),
                        equalTo("admin-" + clinic.id().toString().substring(0, 8) + " 200 OK"));
            }
        }
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200)
                .body("items.action", hasItem("Audit.list"));
    }

    @Test
    void onlyTheClinicsOwnAdminMayReadIt() {
        String patient = registerPatient(clinic, "Private Person");
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.admin()).when().get("/clinics/{c}/audit", clinic.id()).then()
                .spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", UUID.randomUUID()).then()
                .spec(problem(404, "not-found"));
        for (String token : List.of(clinic.physio(), clinic.patient(patient), Tokens.editor(clinic.id()))) {
            given().auth().oauth2(token).when().get("/clinics/{c}/audit", clinic.id()).then()
                    .spec(problem(403, "forbidden"));
        }
        given().when().get("/clinics/{c}/audit", clinic.id()).then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void badQueriesAreA400NamingTheParameter() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("patientId", "not-an-id"),
                Map.entry("outcome", "MAYBE"),
                Map.entry("from", "yesterday"),
                Map.entry("to", "2026-13-45"),
                Map.entry("size", "201"),
                Map.entry("before", "not-a-token"));
        bad.forEach((name, value) -> given().auth().oauth2(clinic.admin()).queryParam(name, value)
                .when().get("/clinics/{c}/audit", clinic.id()).then().spec(invalid(name)));
        given().auth().oauth2(clinic.admin()).queryParam("from", "1970-01-01").when()
                .get("/clinics/{c}/audit", clinic.id()).then().spec(invalid("from"));
        given().auth().oauth2(clinic.admin()).queryParam("from", "2026-11-24").queryParam("to", "2026-11-23")
                .when().get("/clinics/{c}/audit", clinic.id()).then().spec(invalid("to"));
        // longer than the 35 characters the public document allows, though an instant Java would read
        given().auth().oauth2(clinic.admin()).queryParam("from", "2026-11-24T08:00:00.123456789+01:00:00")
                .when().get("/clinics/{c}/audit", clinic.id()).then().spec(invalid("from"));
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{c}/audit", "not-a-clinic").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(clinic.admin()).queryParam("size", "lots")
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(not(equalTo(500)));
    }
}
