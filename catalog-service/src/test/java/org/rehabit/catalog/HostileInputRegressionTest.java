package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.rehabit.catalog.CatalogFixtures.assertNotStored;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;

/**
 * A defect the end-to-end hostile-input suite (e2e-tests HostileInputIT) found here: PostgreSQL refuses a NUL
 * character in a text, and that failure was a 500 (a 503 through the gateway); now it is the client's bad input.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class HostileInputRegressionTest {

    @Test
    void aNulCharacterInASlugOrATextIsABadRequest() {
        // sent as typed: %00 is the NUL byte, not the three characters
        given().urlEncodingEnabled(false).when().get("/exercises/%00")
                .then().spec(problem(400, "unstorable-value"));
        given().urlEncodingEnabled(false).when().get("/exercises/a%00b/versions")
                .then().spec(problem(400, "unstorable-value"));
        String slug = uniqueSlug("nul");
        Map<String, Object> body = exercise(slug);
        body.put("summary", "Slide the arms\u0000 up a wall.");
        given().contentType(ContentType.JSON).body(body).when().post("/exercises")
                .then().spec(problem(400, "unstorable-value"));
        assertNotStored(slug);
    }
}
