package org.rehabit.session.program;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Catalog;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.itemsBody;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * When the catalog cannot answer, assigning a program fails fast and cleanly: 503 with Retry-After and
 * nothing written. A single dropped call is retried, and a catalog 404 is an answer, never a fault.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class CatalogOutageTest extends ServiceTestBase {

    private static final String RESOLVE = "/exercises/resolve";
    private static final String STARTER = "upper-back-starter";

    private final Clinic clinic = Clinic.fresh();
    private String patient;

    @BeforeEach
    void patient() {
        patient = registerPatient(clinic, "Olga Outage");
    }

    @Test
    void aDroppedConnectionIsAnsweredWith503AndNothingIsStored() {
        CatalogStub.server().stubFor(post(urlEqualTo(RESOLVE))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertUnavailable();
        assertNothingAssigned();
    }

    @Test
    void aCatalogErrorIsRetriedThenAnsweredWith503() {
        CatalogStub.server().stubFor(post(urlEqualTo(RESOLVE))
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        assertUnavailable();
        // the first call and two retries
        CatalogStub.server().verify(3, postRequestedFor(urlEqualTo(RESOLVE)));
        assertNothingAssigned();
    }

    @Test
    void aCatalogSlowerThanTheTimeoutIsAnsweredWith503() {
        CatalogStub.server().stubFor(post(urlEqualTo(RESOLVE))
                .willReturn(aResponse().withFixedDelay(3_000).withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"resolved\":[],\"unresolved\":[]}")));
        assertUnavailable();
        assertNothingAssigned();
    }

    @Test
    void anUnreachableTemplateIsAnsweredWith503() {
        CatalogStub.server().stubFor(get(urlEqualTo("/routine-templates/" + STARTER))
                .willReturn(aResponse().withStatus(503)));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("template", STARTER, "sessionsPerWeek", 3))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(503, "unavailable"))
                .header("Retry-After", equalTo("10"));
        CatalogStub.server().verify(0, postRequestedFor(urlEqualTo(RESOLVE)));
        assertNothingAssigned();
    }

    @Test
    void aSingleDroppedCallIsRetriedAndTheProgramIsAssigned() {
        catalogPublishes(CIRCLES, TWIST);
        CatalogStub.server().stubFor(post(urlEqualTo(RESOLVE)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, CIRCLES, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().statusCode(201)
                .body("items.exerciseSlug", contains(CIRCLES, TWIST));
        CatalogStub.server().verify(2, postRequestedFor(urlEqualTo(RESOLVE)));
    }

    @Test
    void aLastingOutageOpensTheBreakerSoLaterCallsFailWithoutWaiting() {
        CatalogStub.server().stubFor(post(urlEqualTo(RESOLVE))
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            assertUnavailable();
        }
        int calls = CatalogStub.server().findAll(postRequestedFor(urlEqualTo(RESOLVE))).size();
        assertUnavailable();
        assertEquals(calls, CatalogStub.server().findAll(postRequestedFor(urlEqualTo(RESOLVE))).size(),
                "an open breaker answers without calling the catalog");
        assertNothingAssigned();

        // once the catalog is back (and the breaker closed), assignment works again
        CatalogStub.server().resetAll();
        breakers.resetAll();
        catalogPublishes(CIRCLES, TWIST);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, CIRCLES, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().statusCode(201);
    }

    @Test
    void manyUnknownTemplatesNeitherRetryNorOpenTheBreaker() {
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                    .body(Map.of("template", "no-such-routine", "sessionsPerWeek", 3))
                    .when().post("/patients/{id}/programs", patient)
                    .then().spec(invalid("template"));
        }
        CatalogStub.server().verify(12, getRequestedFor(urlEqualTo("/routine-templates/no-such-routine")));

        Catalog.template(STARTER, List.of(Map.entry(CIRCLES, "{\"sets\":1,\"reps\":10,\"side\":\"BOTH\"}")));
        catalogPublishes(CIRCLES);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("template", STARTER, "sessionsPerWeek", 3))
                .when().post("/patients/{id}/programs", patient)
                .then().statusCode(201)
                .body("template", equalTo(STARTER));
    }

    private void assertUnavailable() {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, CIRCLES, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(503, "unavailable"))
                .header("Retry-After", equalTo("10"));
    }

    private void assertNothingAssigned() {
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", patient)
                .then().statusCode(200)
                .body("$", hasSize(0));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().spec(problem(404, "not-found"));
    }
}
