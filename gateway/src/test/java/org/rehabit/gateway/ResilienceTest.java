package org.rehabit.gateway;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/** What clients see when a service behind the gateway is slow, failing or down. */
@QuarkusTest
@WithTestResource(Downstreams.class)
class ResilienceTest extends GatewayTestBase {

    @Test
    void aWriteWhoseAnswerIsLostSaysItsOutcomeIsUnknownAndHowToCheckAndIsNotRetried() {
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p1/sessions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).header("Idempotency-Key", "k1")
                .body("{}").when().post("/api/v1/patients/p1/sessions")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:rehabit:problem:outcome-unknown"))
                .body("detail", containsString("may or may not have been made"))
                .body("detail", containsString("same Idempotency-Key"))
                .body("detail", not(containsString("nothing was changed")));
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients/p1/sessions")));
    }

    @Test
    void aReadThatFailsOnceOrTwiceIsAnsweredFromTheNextTryAndOneThatAlwaysFailsIsTriedThreeTimes() {
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p7")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p7")).inScenario("flaky")
                .whenScenarioStateIs("failed once").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("failed twice"));
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p7")).inScenario("flaky")
                .whenScenarioStateIs("failed twice").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"p7\"}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p7")
                .then().statusCode(200).body("id", equalTo("p7"));
        Downstreams.session().verify(3, getRequestedFor(urlEqualTo("/patients/p7")));

        Downstreams.session().stubFor(get(urlEqualTo("/patients/p8")).willReturn(aResponse().withStatus(502)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p8")
                .then().statusCode(503).header("Retry-After", "5");
        Downstreams.session().verify(3, getRequestedFor(urlEqualTo("/patients/p8")));
    }

    @Test
    void aReadFromADownServiceAnswers503WithRetryAfter() {
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p1"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p1")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo("urn:rehabit:problem:unavailable"));
    }

    @Test
    void aDownstream500IsAnInternalErrorWithAnIncidentIdAndNeverLeaksItsBody() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/x")).willReturn(aResponse().withStatus(500)
                .withBody("java.lang.NullPointerException at org.secret.Internals")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/x")
                .then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("urn:rehabit:problem:internal"))
                .body("title", equalTo("Internal error"))
                .body("detail", matchesPattern(".*incident [0-9a-f-]{36}\\..*"))
                .body(not(containsString("NullPointerException")))
                .body(not(containsString("org.secret")));
    }

    @Test
    void aDownstream500OnAWriteIsAnInternalErrorToo() {
        Downstreams.session().stubFor(post(urlEqualTo("/patients")).willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/patients")
                .then().statusCode(500).body("type", equalTo("urn:rehabit:problem:internal"))
                .body("detail", containsString("incident"));
    }

    @Test
    void aSlowServiceIsCutOffAtTheTimeout() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/slow")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(6000).withBody("{}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/slow")
                .then().statusCode(503).header("Retry-After", "5");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndStopsCallingTheService() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions")
                    .then().statusCode(anyOf(is(500), is(503)));
        }
        int calls = Downstreams.catalog().findAll(getRequestedFor(urlEqualTo("/conditions"))).size();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").then().statusCode(503)
                    .header("Retry-After", "5").body("type", equalTo("urn:rehabit:problem:unavailable"));
        }
        Downstreams.catalog().verify(calls, getRequestedFor(urlEqualTo("/conditions")));
    }

    @Test
    void notFoundAnswersNeverOpenTheBreaker() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/there")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"there\"}")));
        for (int i = 0; i < 30; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/missing").then().statusCode(404);
        }
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/there")
                .then().statusCode(200).body("slug", equalTo("there"));
        Downstreams.catalog().verify(30, getRequestedFor(urlEqualTo("/exercises/missing")));
    }

    @Test
    void whileTheCatalogIsDownLibraryReadsAnswerTheLastCopyMarkedStale() {
        String[][] reads = {
                {"/exercises?q=knee", "/api/v1/exercises?q=knee", "{\"items\":[{\"slug\":\"knee-bend\"}],\"total\":1}"},
                {"/exercises/knee-bend", "/api/v1/exercises/knee-bend", "{\"slug\":\"knee-bend\",\"version\":3}"},
                {"/conditions", "/api/v1/conditions", "[{\"slug\":\"knee-oa\"}]"},
                {"/conditions/knee-oa", "/api/v1/conditions/knee-oa", "{\"slug\":\"knee-oa\"}"},
                {"/routine-templates?condition=knee-oa", "/api/v1/routine-templates?condition=knee-oa",
                        "[{\"slug\":\"knee-starter\"}]"},
                {"/routine-templates/knee-starter", "/api/v1/routine-templates/knee-starter",
                        "{\"slug\":\"knee-starter\"}"}};
        for (String[] read : reads) {
            Downstreams.catalog().stubFor(get(urlEqualTo(read[0])).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(read[2])));
            given().auth().oauth2(Tokens.of("physio")).when().get(read[1])
                    .then().statusCode(200).header("Warning", nullValue()).body(equalTo(read[2]));
        }
        Downstreams.catalog().resetAll();
        Downstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (String[] read : reads) {
            given().auth().oauth2(Tokens.of("patient")).when().get(read[1])
                    .then().statusCode(200).header("Warning", "110 - \"Response is stale\"").body(equalTo(read[2]));
        }
        // what was never read before cannot be answered
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises?q=hip")
                .then().statusCode(503).body("type", equalTo("urn:rehabit:problem:unavailable"));
    }

    @Test
    void theStaleCopyIsTheLastAnswerEvenWhenOnlyItsBodyOrOnlyAHeaderChanged() {
        String[][] answers = {{"\"1\"", "{\"version\":1}"}, {"\"1\"", "{\"version\":1}"},
                {"\"1\"", "{\"version\":2}"}, {"\"3\"", "{\"version\":2}"}};
        for (String[] answer : answers) {
            Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/knee-bend")).willReturn(aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/json").withHeader("ETag", answer[0])
                    .withBody(answer[1])));
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/knee-bend")
                    .then().statusCode(200).header("ETag", answer[0]).body(equalTo(answer[1]));
        }
        Downstreams.catalog().resetAll();
        Downstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("patient")).when().get("/api/v1/exercises/knee-bend")
                .then().statusCode(200).header("Warning", "110 - \"Response is stale\"").header("ETag", "\"3\"")
                .body(equalTo("{\"version\":2}"));
    }

    @Test
    void aCatalog404IsNotKeptAndTheCatalogsOwnAnswerComesFirst() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/knee-bend")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"version\":1}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/knee-bend").then().statusCode(200);
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/knee-bend")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/knee-bend").then().statusCode(404);
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/knee-bend")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"version\":2}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/knee-bend")
                .then().statusCode(200).header("Warning", nullValue()).body("version", equalTo(2));
    }

    @Test
    void theDashboardAnswersWithThePatientsMarkedPartialWhenOnlyItsAlertsFail() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/summary")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"patientId\":\"p1\",\"adherence\":0.5}],\"total\":1}")));
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/alerts"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/clinics/c1/dashboard")
                .then().statusCode(200)
                .header("Warning", containsString("open alerts could not be read"))
                .body("patients.items[0].patientId", equalTo("p1"))
                .body("openAlerts", nullValue())
                .body("partial", equalTo(true));
    }

    @Test
    void gatewayReadinessDoesNotDependOnTheServicesButItsDownstreamGroupTells() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)));
        Downstreams.session().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        Management.given().when().get("/q/health/group/downstream")
                .then().statusCode(503)
                .body("checks[0].data.catalog-service", equalTo("DOWN"))
                .body("checks[0].data.session-service", equalTo("UP"));
        Downstreams.catalog().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)));
        Management.given().when().get("/q/health/group/downstream").then().statusCode(200);
    }
}
