package org.rehabit.session.hostile;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * Defects the end-to-end hostile-input suite (e2e-tests HostileInputIT) found in this service, pinned here:
 * each was a 500 (a 503 through the gateway) before its fix.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class HostileInputRegressionTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();

    /** page × size overflowed int (Panache's first result, the summary's sublist) and failed in the database. */
    @Test
    void aHugePageNumberIsABadRequestNotAServerError() {
        String patient = registerPatient(clinic, "Page P");
        for (String path : new String[]{"/patients", "/patients/" + patient + "/sessions",
                "/clinics/" + clinic.id() + "/alerts", "/clinics/" + clinic.id() + "/summary"}) {
            given().auth().oauth2(clinic.physio()).queryParam("page", Integer.MAX_VALUE).queryParam("size", 100)
                    .when().get(path)
                    .then().spec(invalid("page"));
        }
    }

    /** PostgreSQL refuses NUL in text; that was an unexpected persistence failure, now the client's bad input. */
    @Test
    void aNulCharacterIsRefusedAsBadInputAndNothingIsStored() {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Nul\u0000Name", "timezone", "UTC"))
                .when().post("/patients")
                .then().spec(problem(400, "unstorable-value"));
        given().auth().oauth2(clinic.physio()).queryParam("q", "a\u0000b")
                .when().get("/patients")
                .then().spec(problem(400, "unstorable-value"));
        given().auth().oauth2(clinic.physio()).when().get("/patients")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
