package org.rehabit.session.program;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Catalog;
import org.rehabit.session.support.Catalog.Version;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.FLEXION;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.startProgram;

/**
 * Re-pinning a program's items to the newest published versions of their exercises: the preview's readable diff,
 * the confirming call (If-Match), retired exercises flagged with the catalog's suggested replacement and left as
 * they are, and when the patient must confirm the safety check again.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class ProgramRepinTest extends ServiceTestBase {

    private static final List<String> REFS = List.of(CIRCLES, CIRCLES + "@1", TWIST, TWIST + "@1", FLEXION,
            FLEXION + "@1");

    private final Clinic clinic = Clinic.fresh();
    private String patient;
    private Program program;

    @BeforeEach
    void program() {
        patient = registerPatient(clinic, "Ada Repin");
        program = startProgram(clinic, patient, 3, null, CIRCLES, TWIST, FLEXION);
    }

    /**
     * The catalog now: shoulder circles has a version 2 (one step reworded, one added, a caution added, more
     * reps by default); the twist is still at version 1; back flexion is retired, replaced by the twist.
     */
    private static void catalogHasMoved(boolean cautionAdded) {
        Version circles1 = new Version(CIRCLES, 1, "Exercise " + CIRCLES, "{\"sets\":2,\"reps\":10,\"side\":\"BOTH\"}",
                List.of("Stand tall", "Roll your shoulders"), List.of("Stop if it hurts"));
        Version circles2 = new Version(CIRCLES, 2, "Shoulder circles", "{\"sets\":2,\"reps\":12,\"side\":\"BOTH\"}",
                List.of("Stand tall", "Roll both shoulders backwards", "Breathe out"),
                cautionAdded ? List.of("Stop if it hurts", "Not after a shoulder operation") : List.of(
                        "Stop if it hurts"));
        Version twist1 = Version.of(TWIST, 1, List.of("Sit"), List.of());
        Version flexion1 = Version.of(FLEXION, 1, List.of("Lie down"), List.of());
        Catalog.resolveVersions(REFS, Map.of(CIRCLES, circles2, CIRCLES + "@1", circles1, TWIST, twist1,
                TWIST + "@1", twist1, FLEXION + "@1", flexion1), Map.of(FLEXION, TWIST));
    }

    private ValidatableResponse preview(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/programs/{p}/repin/preview", patient, program.id()).then();
    }

    private ValidatableResponse repin(String token, String ifMatch, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().post("/patients/{id}/programs/{p}/repin", patient, program.id()).then();
    }

    private String etag() {
        return given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).extract().header("ETag");
    }

    @Test
    void thePreviewShowsWhatWouldChangeAndWritesNothing() {
        catalogHasMoved(false);
        String etag = etag();
        preview(clinic.physio(), Map.of())
                .statusCode(200)
                .body("programId", equalTo(program.id()))
                .body("items.exerciseSlug", contains(CIRCLES, TWIST, FLEXION))
                .body("items.outcome", contains("NEWER_VERSION", "UP_TO_DATE", "RETIRED"))
                .body("items.pinnedVersion", contains(1, 1, 1))
                .body("items.newestVersion", contains(2, 1, null))
                .body("items[0].changes", contains(
                        "Name: Exercise shoulder-circles → Shoulder circles",
                        "Step 2: \"Roll your shoulders\" → \"Roll both shoulders backwards\"",
                        "Step 3 added: \"Breathe out\"",
                        "Catalog's default dose: reps 10 → 12 (the program keeps its own dose)"))
                .body("items[0].cautionsChanged", equalTo(false))
                .body("items[1].changes", empty())
                // retired: flagged, with the replacement the catalog suggests, and not moved
                .body("items[2].replacedBy", equalTo(TWIST))
                .body("items[2].changes", empty())
                .body("safetyConfirmationRequired", equalTo(false));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).header("ETag", equalTo(etag)).body("items.exerciseVersion", contains(1, 1, 1));
    }

    @Test
    void aRepinMovesToTheNewestVersionsKeepingDosesAndLeavesARetiredExerciseAlone() {
        catalogHasMoved(false);
        repin(clinic.physio(), null, Map.of()).spec(problem(428, "precondition-required"));
        repin(clinic.physio(), "\"999\"", Map.of()).spec(problem(412, "stale-revision"));
        String etag = etag();
        repin(clinic.physio(), etag, Map.of())
                .statusCode(200)
                .body("id", equalTo(program.id()))
                .body("items.id", contains(program.item(0), program.item(1), program.item(2)))
                .body("items.exerciseVersion", contains(2, 1, 1))
                .body("items[0].exerciseName", equalTo("Shoulder circles"))
                .body("items[0].dose.reps", equalTo(10))
                .body("items[2].exerciseSlug", equalTo(FLEXION))
                .body("safetyConfirmed", equalTo(true));
        given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200)
                .body("entries.kind", contains("ASSIGNED", "REPINNED"))
                .body("entries[1].changes", hasSize(2))
                .body("entries[1].changes[0]", startsWith("Re-pinned Exercise shoulder-circles (shoulder-circles v1)"
                        + " to v2: Name: Exercise shoulder-circles → Shoulder circles; Step 2:"))
                .body("entries[1].changes[1]", equalTo("Not re-pinned: Exercise back-flexion-stretch "
                        + "(back-flexion-stretch v1) is retired; the catalog suggests " + TWIST));
        // the old copy is stale now
        repin(clinic.physio(), etag, Map.of()).spec(problem(412, "stale-revision"));
    }

    @Test
    void aRetiredExerciseAloneIsNeverMoved() {
        catalogHasMoved(false);
        Catalog.resolveVersions(List.of(FLEXION, FLEXION + "@1"),
                Map.of(FLEXION + "@1", Version.of(FLEXION, 1, List.of("Lie down"), List.of())), Map.of(FLEXION, ""));
        String etag = etag();
        preview(clinic.physio(), Map.of("items", List.of(program.item(2))))
                .statusCode(200)
                .body("items.outcome", contains("RETIRED"))
                .body("items[0].replacedBy", nullValue());
        // nothing to move: nothing recorded, the version stays
        repin(clinic.physio(), etag, Map.of("items", List.of(program.item(2))))
                .statusCode(200).header("ETag", equalTo(etag))
                .body("items[2].exerciseVersion", equalTo(1));
    }

    @Test
    void changedCautionsAskForTheSafetyCheckAgain() {
        catalogHasMoved(true);
        preview(clinic.physio(), Map.of())
                .statusCode(200)
                .body("items[0].changes", contains(
                        "Name: Exercise shoulder-circles → Shoulder circles",
                        "Step 2: \"Roll your shoulders\" → \"Roll both shoulders backwards\"",
                        "Step 3 added: \"Breathe out\"",
                        "Caution added: \"Not after a shoulder operation\"",
                        "Catalog's default dose: reps 10 → 12 (the program keeps its own dose)"))
                .body("items[0].cautionsChanged", equalTo(true))
                .body("safetyConfirmationRequired", equalTo(true));
        repin(clinic.physio(), etag(), Map.of())
                .statusCode(200)
                .body("safetyConfirmed", equalTo(false));
        given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200)
                .body("entries[1].safetyConfirmationReset", equalTo(true));
    }

    @Test
    void unknownItemsPatientsAndOtherClinicsAreRefused() {
        preview(clinic.physio(), Map.of("items", List.of(program.id()))).spec(invalid("items[0]"));
        preview(clinic.patient(patient), Map.of()).spec(problem(403, "forbidden"));
        repin(clinic.patient(patient), etag(), Map.of()).spec(problem(403, "forbidden"));
        Clinic other = Clinic.fresh();
        preview(other.physio(), Map.of()).spec(problem(404, "not-found"));
        repin(other.admin(), etag(), Map.of()).spec(problem(404, "not-found"));
    }

    @Test
    void aCatalogOutageIsA503AndChangesNothing() {
        String etag = etag();
        CatalogStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/exercises/resolve"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        preview(clinic.physio(), Map.of()).spec(problem(503, "unavailable"));
        repin(clinic.physio(), etag, Map.of()).spec(problem(503, "unavailable"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).header("ETag", equalTo(etag));
    }
}
