package org.rehabit.session.patient;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.patientBody;
import static org.rehabit.session.support.Fixtures.problem;

/** Caseloads: a patient's physio is a known staff member of the clinic; "my patients"; a clinic-admin reassigns. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class CaseloadTest extends ServiceTestBase {

    @Inject
    EntityManager em;

    private final Clinic clinic = Clinic.fresh();
    private final Clinic other = Clinic.fresh();

    /** A second physio of {@code clinic}, known once their token has been seen. */
    private String secondPhysio(Clinic of, String subject) {
        String token = Tokens.token(subject, Set.of("physio"), of.id(), null);
        given().auth().oauth2(token).when().get("/patients").then().statusCode(200);
        return token;
    }

    private String registerId(String token, String name, String physioId) {
        Map<String, Object> body = patientBody(name, null, "UTC");
        if (physioId != null) {
            body.put("physioId", physioId);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .extract().path("id");
    }

    private String register(String token, String name, String physioId) {
        Map<String, Object> body = patientBody(name, null, "UTC");
        if (physioId != null) {
            body.put("physioId", physioId);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .extract().path("physioId");
    }

    private int patientCount(Clinic of) {
        return given().auth().oauth2(of.admin()).when().get("/patients")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void aPhysioRegistersForThemselvesByDefaultOrForAnotherPhysioOfTheClinic() {
        secondPhysio(clinic, "ben-" + clinic.id());
        assertEquals(clinic.physioSubject(), register(clinic.physio(), "Default Mine", null));
        assertEquals("ben-" + clinic.id(), register(clinic.physio(), "For Ben", "ben-" + clinic.id()));
    }

    @Test
    void anUnknownOrOtherClinicsPhysioIsRefusedAndNothingIsRegistered() {
        register(clinic.physio(), "First", null);
        secondPhysio(other, "olga-" + other.id()); // known, but of the other clinic
        for (String physio : new String[] {"nobody-" + clinic.id(), "olga-" + other.id(), other.physioSubject()}) {
            Map<String, Object> body = patientBody("Refused " + physio, null, "UTC");
            body.put("physioId", physio);
            given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                    .when().post("/patients")
                    .then().spec(invalid("physioId"));
        }
        assertEquals(1, patientCount(clinic));
    }

    /** Ana (the clinic's physio) has four patients, Ben two; each filter pages and counts only its own. */
    @Test
    void myPatientsFilterTheListAndTheDashboardWithTheirPagingAndTotal() {
        String ben = "ben-" + clinic.id();
        String benToken = secondPhysio(clinic, ben);
        registerId(clinic.physio(), "Ana Two", null);
        registerId(clinic.physio(), "Ana One", null);
        registerId(clinic.physio(), "Ana Four", null);
        registerId(clinic.admin(), "Ana Three", clinic.physioSubject());
        registerId(benToken, "Ben One", null);
        registerId(benToken, "Ben Two", null);
        registerId(clinic.admin(), "Admin Own", null);

        given().auth().oauth2(clinic.physio()).queryParam("assignedTo", "me").queryParam("size", 3)
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.displayName", contains("Ana Four", "Ana One", "Ana Three"));
        given().auth().oauth2(clinic.physio()).queryParam("assignedTo", "me").queryParam("size", 3)
                .queryParam("page", 1)
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.displayName", contains("Ana Two"));
        given().auth().oauth2(clinic.admin()).queryParam("assignedTo", ben).queryParam("q", "two")
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.displayName", contains("Ben Two"));
        given().auth().oauth2(clinic.physio()).when().get("/patients")
                .then().statusCode(200).body("total", equalTo(7));

        // the dashboard, from the stored figures (4 weeks) and computed per request (3 weeks), sorted and paged
        for (int weeks : new int[] {4, 3}) {
            given().auth().oauth2(clinic.physio()).queryParam("assignedTo", "me").queryParam("weeks", weeks)
                    .queryParam("sort", "-name").queryParam("size", 3)
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().statusCode(200)
                    .body("total", equalTo(4))
                    .body("items.displayName", contains("Ana Two", "Ana Three", "Ana One"));
            given().auth().oauth2(clinic.physio()).queryParam("assignedTo", "me").queryParam("weeks", weeks)
                    .queryParam("sort", "-name").queryParam("size", 3).queryParam("page", 1)
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().statusCode(200)
                    .body("total", equalTo(4))
                    .body("items.displayName", contains("Ana Four"));
            given().auth().oauth2(benToken).queryParam("assignedTo", "me").queryParam("weeks", weeks)
                    .queryParam("q", "one")
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items.displayName", contains("Ben One"));
            given().auth().oauth2(clinic.admin()).queryParam("assignedTo", ben).queryParam("weeks", weeks)
                    .queryParam("atRisk", true)
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().statusCode(200)
                    .body("total", equalTo(0));
            given().auth().oauth2(clinic.admin()).queryParam("weeks", weeks)
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().statusCode(200).body("total", equalTo(7));
        }
    }

    @Test
    void aFilterOnSomeoneUnknownIsRefusedNotAnEmptyCaseload() {
        registerId(clinic.physio(), "Someone", null);
        secondPhysio(other, "olga-" + other.id());
        for (String who : List.of("nobody", "olga-" + other.id())) {
            given().auth().oauth2(clinic.physio()).queryParam("assignedTo", who)
                    .when().get("/patients")
                    .then().spec(invalid("assignedTo"));
            given().auth().oauth2(clinic.physio()).queryParam("assignedTo", who)
                    .when().get("/clinics/{id}/summary", clinic.id())
                    .then().spec(invalid("assignedTo"));
        }
    }

    @Test
    void aClinicAdminReassignsWithIfMatchAndItIsAudited() {
        String ben = "ben-" + clinic.id();
        String benToken = secondPhysio(clinic, ben);
        String patient = registerId(clinic.physio(), "Moving Patient", null);
        String etag = given().auth().oauth2(clinic.admin()).when().get("/patients/{id}", patient)
                .then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON).body(Map.of("physioId", ben))
                .when().put("/patients/{id}/physio", patient)
                .then().spec(problem(428, "precondition-required"));
        String moved = given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(Map.of("physioId", ben))
                .when().put("/patients/{id}/physio", patient)
                .then().statusCode(200)
                .header("ETag", not(equalTo(etag)))
                .body("physioId", equalTo(ben))
                .extract().header("ETag");
        given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(Map.of("physioId", clinic.physioSubject()))
                .when().put("/patients/{id}/physio", patient)
                .then().spec(problem(412, "stale-revision"));
        given().auth().oauth2(benToken).queryParam("assignedTo", "me").when().get("/patients")
                .then().statusCode(200).body("items.id", contains(patient));
        given().auth().oauth2(clinic.physio()).queryParam("assignedTo", "me").when().get("/patients")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(benToken).queryParam("assignedTo", "me")
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200).body("items.patientId", contains(patient));

        given().auth().oauth2(clinic.admin()).queryParam("patientId", patient)
                .when().get("/clinics/{c}/audit", clinic.id())
                .then().statusCode(200)
                .body("items.findAll { it.action == 'Patient.reassign' }.outcome",
                        hasItem("COMMITTED"))
                .body("items.find { it.action == 'Patient.reassign' && it.outcome == 'COMMITTED' }.subject",
                        equalTo("admin-" + clinic.id().toString().substring(0, 8)));

        // to someone unknown: refused, nothing changed
        given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON)
                .header("If-Match", moved).body(Map.of("physioId", "nobody"))
                .when().put("/patients/{id}/physio", patient)
                .then().spec(invalid("physioId"));
        given().auth().oauth2(clinic.admin()).when().get("/patients/{id}", patient)
                .then().statusCode(200).header("ETag", equalTo(moved)).body("physioId", equalTo(ben));
    }

    @Test
    void aPhysioMayNotReassignAndAnotherClinicDoesNotFindThePatient() {
        String ben = "ben-" + clinic.id();
        secondPhysio(clinic, ben);
        String patient = registerId(clinic.physio(), "Staying Patient", null);
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", patient)
                .then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(Map.of("physioId", ben))
                .when().put("/patients/{id}/physio", patient)
                .then().spec(problem(403, "forbidden"));
        Map<String, Object> edit = patientBody("Staying Patient", null, "UTC");
        edit.put("physioId", ben);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(edit)
                .when().put("/patients/{id}", patient)
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(other.admin()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(Map.of("physioId", "admin-" + other.id().toString().substring(0, 8)))
                .when().put("/patients/{id}/physio", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", patient)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("physioId", equalTo(clinic.physioSubject()));
        // an edit that keeps the physio (or names none) is a physio's to make
        edit.put("physioId", clinic.physioSubject());
        edit.put("displayName", "Staying Renamed");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(edit)
                .when().put("/patients/{id}", patient)
                .then().statusCode(200).body("physioId", equalTo(clinic.physioSubject()));
    }

    /** A pre-V15 free-text physio stays visible until its subject's token is seen, then the patient is theirs. */
    @Test
    void aLegacyPhysioIsKeptVisibleAndLinkedWhenTheirTokenIsSeen() {
        String patient = registerId(clinic.admin(), "Legacy Patient", null);
        String carla = "carla-" + clinic.id();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE patient SET physio_id = NULL, physio_legacy = :legacy WHERE id = :id")
                .setParameter("legacy", carla).setParameter("id", UUID.fromString(patient)).executeUpdate());
        String typed = registerId(clinic.admin(), "Typed Physio", null);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE patient SET physio_id = NULL, physio_legacy = 'Dr. Typed' WHERE id = :id")
                .setParameter("id", UUID.fromString(typed)).executeUpdate());
        given().auth().oauth2(clinic.admin()).when().get("/patients/{id}", patient)
                .then().statusCode(200)
                .body("physioId", nullValue())
                .body("legacyPhysio", equalTo(carla));

        String carlaToken = secondPhysio(clinic, carla);
        given().auth().oauth2(carlaToken).queryParam("assignedTo", "me").when().get("/patients")
                .then().statusCode(200).body("items.id", contains(patient))
                .body("items[0].legacyPhysio", nullValue());
        given().auth().oauth2(clinic.admin()).when().get("/patients/{id}", typed)
                .then().statusCode(200)
                .body("physioId", nullValue())
                .body("legacyPhysio", equalTo("Dr. Typed"));
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{id}/staff", clinic.id())
                .then().statusCode(200).body("subject", hasItem(carla)).body("subject", hasSize(2));
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
