package org.rehabit.session.patient;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.patientBody;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/** Registering, finding, reading and editing a clinic's patients, and the 4xx answers around them. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class PatientTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();

    @Test
    void registeringAnswersCreatedWithLocationEtagAndThePatient() {
        clock.set(Instant.parse("2026-03-18T12:00:00Z"));
        Map<String, Object> body = patientBody("  Ada Lovelace  ", "A-100", "Europe/Berlin");
        body.put("dateOfBirth", "1961-05-04");
        ExtractableResponse<Response> created = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("clinicId", equalTo(clinic.id().toString()))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("externalRef", equalTo("A-100"))
                .body("dateOfBirth", equalTo("1961-05-04"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("physioId", equalTo(clinic.physioSubject()))
                .body("createdAt", equalTo("2026-03-18T12:00:00Z"))
                .extract();
        String id = created.path("id");
        given().auth().oauth2(clinic.physio()).when().get(created.header("Location"))
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo(id))
                .body("displayName", equalTo("Ada Lovelace"));
        assertThat(created.header("Location"), endsWith("/patients/" + id));
    }

    @Test
    void aClinicIdInTheBodyIsIgnored() {
        Map<String, Object> body = patientBody("Bo Body", null, "UTC");
        body.put("clinicId", UUID.randomUUID().toString());
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .body("clinicId", equalTo(clinic.id().toString()));
    }

    @Test
    void listsTheClinicsPatientsByNameInPages() {
        registerPatient(clinic, "Carla Zed", "Z-3", "UTC");
        registerPatient(clinic, "anna Berg", "B-1", "UTC");
        registerPatient(clinic, "Bruno Alt", "A-2", "UTC");
        registerPatient(Clinic.fresh(), "Aaron Elsewhere", "B-1", "UTC");

        given().auth().oauth2(clinic.physio()).queryParam("size", 2)
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.displayName", contains("anna Berg", "Bruno Alt"));
        given().auth().oauth2(clinic.physio()).queryParam("size", 2).queryParam("page", 1)
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.displayName", contains("Carla Zed"));
        given().auth().oauth2(clinic.physio()).queryParam("page", 5)
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items", empty());
    }

    @Test
    void searchesByNameOrReferenceCaseInsensitively() {
        registerPatient(clinic, "Dora Quist", "RX_7", "UTC");
        registerPatient(clinic, "Emil Quast", "RY-8", "UTC");
        registerPatient(clinic, "Fritz Other", "QU-9", "UTC");

        given().auth().oauth2(clinic.physio()).queryParam("q", "QUIST")
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.displayName", contains("Dora Quist"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "qu")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("Dora Quist", "Emil Quast", "Fritz Other"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "ry-8")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("Emil Quast"));
        // LIKE wildcards are matched literally: "_" finds only the reference that holds one
        given().auth().oauth2(clinic.physio()).queryParam("q", "_")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("Dora Quist"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "%")
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void namesSortAndSearchByOneRuleWhateverTheirCaseAccentsOrSharpS() {
        registerPatient(clinic, "Zoë Brandt", "Z-1", "UTC");
        registerPatient(clinic, "émile Roux", "E-2", "UTC");
        registerPatient(clinic, "Emil Straße", "E-3", "UTC");
        registerPatient(clinic, "Ådne Berg", "A-4", "UTC");
        registerPatient(clinic, "ada Strasser", null, "UTC");
        registerPatient(clinic, "ÉMILE Adler", "e-6", "UTC");

        // by NameKey (accents and case folded, ß = ss), in byte order; equal keys by id
        given().auth().oauth2(clinic.physio())
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("ada Strasser", "Ådne Berg", "Emil Straße", "ÉMILE Adler",
                        "émile Roux", "Zoë Brandt"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "STRASS")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("ada Strasser", "Emil Straße"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "straße")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("ada Strasser", "Emil Straße"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "Emile")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("ÉMILE Adler", "émile Roux"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "zoe")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.displayName", contains("Zoë Brandt"));
        // references too (ASCII): the key of "É-" is "e-", in E-2, E-3 and e-6
        given().auth().oauth2(clinic.physio()).queryParam("q", "É-")
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(3));
    }

    @Test
    void badPagingIsRefused() {
        given().auth().oauth2(clinic.physio()).queryParam("size", 0)
                .when().get("/patients")
                .then().spec(invalid("size"));
        given().auth().oauth2(clinic.physio()).queryParam("size", 101)
                .when().get("/patients")
                .then().spec(invalid("size"));
        given().auth().oauth2(clinic.physio()).queryParam("page", -1)
                .when().get("/patients")
                .then().spec(invalid("page"));
    }

    @Test
    void updatingNeedsTheCurrentEtag() {
        String id = registerPatient(clinic, "Gina Old", "G-1", "UTC");
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().statusCode(200).extract().header("ETag");
        Map<String, Object> edit = patientBody("Gina New", "G-1", "Asia/Kolkata");

        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(edit)
                .when().put("/patients/{id}", id)
                .then().spec(problem(428, "precondition-required"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(edit).header("If-Match", "\"999\"")
                .when().put("/patients/{id}", id)
                .then().spec(problem(412, "stale-revision"));

        String newEtag = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(edit)
                .header("If-Match", etag)
                .when().put("/patients/{id}", id)
                .then().statusCode(200)
                .body("displayName", equalTo("Gina New"))
                .body("timezone", equalTo("Asia/Kolkata"))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);

        // a second editor still holding the first copy cannot overwrite the edit
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody("Gina Lost", "G-1", "UTC")).header("If-Match", etag)
                .when().put("/patients/{id}", id)
                .then().spec(problem(412, "stale-revision"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo(newEtag))
                .body("displayName", equalTo("Gina New"));
    }

    @Test
    void aReferenceIsUniqueWithinAClinicOnly() {
        String first = registerPatient(clinic, "Hans One", "H-1", "UTC");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody("Hans Two", "H-1", "UTC"))
                .when().post("/patients")
                .then().spec(problem(409, "conflict"));
        registerPatient(Clinic.fresh(), "Hans Elsewhere", "H-1", "UTC");

        String second = registerPatient(clinic, "Hans Three", "H-3", "UTC");
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", second)
                .then().extract().header("ETag");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody("Hans Three", "H-1", "UTC")).header("If-Match", etag)
                .when().put("/patients/{id}", second)
                .then().spec(problem(409, "conflict"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "H-1")
                .when().get("/patients")
                .then().statusCode(200)
                .body("items.id", contains(first));
    }

    @Test
    void invalidPatientsAreRefusedFieldByField() {
        assertRefused(patientBody("   ", null, "UTC"), "displayName");
        assertRefused(patientBody("x".repeat(121), null, "UTC"), "displayName");
        assertRefused(patientBody("Ivo", null, "Mars/Olympus_Mons"), "timezone");
        assertRefused(patientBody("Ivo", "bad ref!", "UTC"), "externalRef");
        Map<String, Object> noZone = patientBody("Ivo", null, "UTC");
        noZone.remove("timezone");
        assertRefused(noZone, "timezone");
        Map<String, Object> future = patientBody("Ivo", null, "UTC");
        future.put("dateOfBirth", LocalDate.now().plusDays(2).toString());
        assertRefused(future, "dateOfBirth");
        Map<String, Object> ancient = patientBody("Ivo", null, "UTC");
        ancient.put("dateOfBirth", "1850-01-01");
        assertRefused(ancient, "dateOfBirth");
        Map<String, Object> notADate = patientBody("Ivo", null, "UTC");
        notADate.put("dateOfBirth", "yesterday");
        assertRefused(notADate, "dateOfBirth");

        given().auth().oauth2(clinic.physio())
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    /**
     * Time zones are IANA ids both Java and PostgreSQL know: offsets (which PostgreSQL's AT TIME ZONE reads with
     * the opposite sign), unknown names and a different spelling are refused on create and on edit.
     */
    @Test
    void aTimeZoneIsAnIanaIdNeverAnOffset() {
        for (String zone : new String[] {"+05:30", "UTC+5", "GMT+1", "UTC+05:30", "Etc/GMT-5", "Z", "europe/berlin",
                "Europe/Nowhere", ""}) {
            assertRefused(patientBody("Ivo", null, zone), "timezone");
        }
        for (String zone : new String[] {"Europe/Berlin", "Asia/Kolkata", "UTC", "Etc/UTC"}) {
            given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                    .body(patientBody("Zed " + zone, null, zone))
                    .when().post("/patients")
                    .then().statusCode(201)
                    .body("timezone", equalTo(zone));
        }
        String id = registerPatient(clinic, "Jo Zone", null, "Europe/Berlin");
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().extract().header("ETag");
        for (String zone : new String[] {"+05:30", "Mars/Olympus_Mons"}) {
            given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(patientBody("Jo Zone", null, zone))
                    .when().put("/patients/{id}", id)
                    .then().spec(invalid("timezone"));
        }
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("timezone", equalTo("Europe/Berlin"));
    }

    @Test
    void anEditIsValidatedToo() {
        String id = registerPatient(clinic, "Jo Valid", null, "UTC");
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().extract().header("ETag");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(patientBody("Jo Valid", null, "Nowhere/Land"))
                .when().put("/patients/{id}", id)
                .then().spec(invalid("timezone"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("timezone", equalTo("UTC"));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", UUID.randomUUID())
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", "not-a-uuid")
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(patientBody("Kai", null, "UTC"))
                .when().put("/patients/{id}", UUID.randomUUID())
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void anotherClinicsPatientDoesNotExistForAPhysio() {
        String id = registerPatient(clinic, "Lea Private", "L-1", "UTC");
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.physio()).when().get("/patients/{id}", id)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(other.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(patientBody("Lea Hijacked", "L-1", "UTC"))
                .when().put("/patients/{id}", id)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(other.physio()).queryParam("q", "Lea")
                .when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", id)
                .then().statusCode(200)
                .body("displayName", equalTo("Lea Private"));
    }

    @Test
    void aPatientReadsThemselvesOnly() {
        String me = registerPatient(clinic, "Mia Me", null, "UTC");
        String other = registerPatient(clinic, "Noa Other", null, "UTC");
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}", me)
                .then().statusCode(200)
                .body("displayName", equalTo("Mia Me"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}", other)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients")
                .then().spec(problem(403, "forbidden"));
    }

    @Test
    void theAssignedPhysioDefaultsToTheRegistrarAndCanBeSet() {
        registerPatient(clinic, "Nils Known"); // the physio's token makes them known staff of the clinic
        Map<String, Object> body = patientBody("Olaf Assigned", null, "UTC");
        body.put("physioId", clinic.physioSubject());
        given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .body("physioId", equalTo(clinic.physioSubject()))
                .body("legacyPhysio", nullValue())
                .body("dateOfBirth", nullValue())
                .body("externalRef", nullValue());
        given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON)
                .body(patientBody("Pia Default", null, "UTC"))
                .when().post("/patients")
                .then().statusCode(201)
                .body("physioId", not(equalTo(clinic.physioSubject())))
                .body("physioId", equalTo("admin-" + clinic.id().toString().substring(0, 8)));
    }

    @Test
    void anUnreadableBodyIsAProblemNotACrash() {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body("{\"displayName\": ")
                .when().post("/patients")
                .then().spec(problem(400, "unreadable-body"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body("[]")
                .when().post("/patients")
                .then().spec(problem(400, "unreadable-body"));
        given().auth().oauth2(clinic.physio())
                .when().get("/patients")
                .then().statusCode(200)
                .body("items", hasSize(0));
    }

    private void assertRefused(Map<String, Object> body, String field) {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().spec(invalid(field));
    }
}
