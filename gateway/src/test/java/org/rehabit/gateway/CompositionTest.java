package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Views that need both services: the current program with full exercise content, today's routine, the dashboard. */
@QuarkusTest
@WithTestResource(Downstreams.class)
class CompositionTest extends GatewayTestBase {

    static final String PROGRAM = """
            {"id":"prog-1","status":"ACTIVE","items":[
              {"id":"i1","position":1,"exerciseSlug":"shoulder-circles","exerciseVersion":2,"dose":{"sets":1,"reps":10,"side":"BOTH"}},
              {"id":"i2","position":2,"exerciseSlug":"seated-spinal-twist","exerciseVersion":1,"dose":{"sets":1,"holdSeconds":5,"side":"EACH_SIDE"}}]}
            """;
    static final String RESOLVED = """
            {"resolved":[
              {"ref":"shoulder-circles@2","exercise":{"slug":"shoulder-circles","version":2,"name":"Shoulder Circles",
               "steps":[{"role":"SETUP","instruction":"Stand tall."}],"cautions":["Keep it small at first."]}},
              {"ref":"seated-spinal-twist@1","exercise":{"slug":"seated-spinal-twist","version":1,"name":"Spinal Twist",
               "steps":[{"role":"HOLD","instruction":"Hold five seconds."}],"cautions":["Do not force the neck."]}}],
             "unresolved":[]}
            """;

    static void stubProgram(String patient) {
        Downstreams.session().stubFor(get(urlEqualTo("/patients/" + patient + "/programs/current"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(PROGRAM)));
    }

    static void stubResolve() {
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises/resolve"))
                .withRequestBody(equalToJson("{\"refs\":[\"shoulder-circles@2\",\"seated-spinal-twist@1\"]}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(RESOLVED)));
    }

    @Test
    void currentProgramCarriesThePinnedContentFetchedInOneBatchAndThenCached() {
        stubProgram("p1");
        stubResolve();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p1/programs/current")
                    .then().statusCode(200)
                    .body("degraded", equalTo(false))
                    .body("items[0].exercise.name", equalTo("Shoulder Circles"))
                    .body("items[0].exercise.steps[0].instruction", equalTo("Stand tall."))
                    .body("items[1].exercise.cautions[0]", equalTo("Do not force the neck."))
                    .body("items[1].dose.side", equalTo("EACH_SIDE"));
        }
        Downstreams.catalog().verify(1, postRequestedFor(urlEqualTo("/exercises/resolve")));
    }

    @Test
    void aServicesProblemPassedOnByAComposedViewNamesThePublicPath() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/patients/p7/programs/current")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:rehabit:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"No current program.\",\"instance\":\"/patients/p7/programs/current\"}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p7/programs/current")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No current program."))
                .body("instance", equalTo("/api/v1/patients/p7/programs/current"));
    }

    @Test
    void cachedContentIsStillServedWhileTheCatalogIsDown() {
        stubProgram("p2");
        stubResolve();
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p2/programs/current")
                .then().statusCode(200).body("degraded", equalTo(false));
        Downstreams.catalog().resetAll();
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises/resolve")).willReturn(aResponse().withStatus(500)));
        // cached: still complete, and nothing needed from the catalog
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p2/programs/current")
                .then().statusCode(200).body("items[0].exercise.name", equalTo("Shoulder Circles"));
    }

    @Test
    void withACatalogOutageAndAColdCacheTheProgramStillComesWithoutContent() {
        stubProgram("p3");
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises/resolve")).willReturn(aResponse().withStatus(503)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p3/programs/current")
                .then().statusCode(200)
                .header("Warning", org.hamcrest.Matchers.containsString("110"))
                .body("degraded", equalTo(true))
                .body("items", hasSize(2))
                .body("items[0].exercise", nullValue())
                .body("items[0].dose.reps", equalTo(10));
    }

    @Test
    void noCurrentProgramIsTheSessionServicesOwn404() {
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p4/programs/current")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"title\":\"Not found\",\"detail\":\"Patient p4 has no current program.\"}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p4/programs/current")
                .then().statusCode(404).body("detail", equalTo("Patient p4 has no current program."));
    }

    @Test
    void todayGivesThePatientTheirRoutineAndTodaysSessions() {
        UUID patient = UUID.randomUUID();
        String id = patient.toString();
        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        Downstreams.session().stubFor(get(urlEqualTo("/patients/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + id + "\",\"displayName\":\"Ada\",\"timezone\":\"Asia/Tokyo\"}")));
        stubProgram(id);
        stubResolve();
        Downstreams.session().stubFor(get(urlPathEqualTo("/patients/" + id + "/sessions")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"id\":\"s1\",\"localDate\":\"" + today + "\"},"
                        + "{\"id\":\"s0\",\"localDate\":\"2020-01-01\"}],\"total\":2}")));
        given().auth().oauth2(Tokens.patient(patient)).when().get("/api/v1/me/today")
                .then().statusCode(200)
                .body("date", equalTo(today))
                .body("program.items[1].exercise.name", equalTo("Spinal Twist"))
                .body("sessionsToday", hasSize(1))
                .body("sessionsToday[0].id", equalTo("s1"));
    }

    @Test
    void theDashboardSaysWhichPinnedExercisesTheCatalogHasSinceRepublishedOrRetired() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c2/summary")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"patientId\":\"p1\",\"programExercises\":[\"shoulder-circles@1\","
                        + "\"seated-spinal-twist@1\",\"old-stretch@2\"]},{\"patientId\":\"p2\",\"programExercises\":[]}],"
                        + "\"total\":2}")));
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c2/alerts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"total\":0}")));
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises/resolve"))
                .withRequestBody(equalToJson("{\"refs\":[\"shoulder-circles\",\"seated-spinal-twist\",\"old-stretch\"]}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"resolved":[{"ref":"shoulder-circles","exercise":{"slug":"shoulder-circles","version":3}},
                                     {"ref":"seated-spinal-twist","exercise":{"slug":"seated-spinal-twist","version":1}}],
                         "unresolved":[{"ref":"old-stretch","reason":"RETIRED","detail":"retired"}]}""")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/clinics/c2/dashboard")
                .then().statusCode(200)
                .body("degraded", equalTo(false))
                .body("patients.items[0].exerciseUpdates", hasSize(2))
                .body("patients.items[0].exerciseUpdates[0].exercise", equalTo("shoulder-circles"))
                .body("patients.items[0].exerciseUpdates[0].pinnedVersion", equalTo(1))
                .body("patients.items[0].exerciseUpdates[0].currentVersion", equalTo(3))
                .body("patients.items[0].exerciseUpdates[1].exercise", equalTo("old-stretch"))
                .body("patients.items[0].exerciseUpdates[1].retired", equalTo(true))
                .body("patients.items[1].exerciseUpdates", hasSize(0));
        // what the catalog said is kept for a minute: the next views do not ask again, even while it is down
        Downstreams.catalog().resetAll();
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises/resolve")).willReturn(aResponse().withStatus(503)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/clinics/c2/dashboard")
                .then().statusCode(200).body("degraded", equalTo(false))
                .body("patients.items[0].exerciseUpdates.exercise", contains("shoulder-circles", "old-stretch"));
        Downstreams.catalog().verify(0, postRequestedFor(urlEqualTo("/exercises/resolve")));
        // once that has expired and the catalog is still down, the dashboard says it is degraded
        exerciseCurrency.invalidateAll().await().indefinitely();
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/clinics/c2/dashboard")
                .then().statusCode(200).body("degraded", equalTo(true)).body("patients.total", equalTo(2));
    }

    @Test
    void theDashboardJoinsPatientsAndOpenAlerts() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/summary")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"patientId\":\"p1\",\"adherence\":0.5}],\"total\":1}")));
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/alerts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"id\":\"a1\",\"rule\":\"PAIN_HIGH\"}],\"total\":1}")));
        given().auth().oauth2(Tokens.of("clinic-admin")).when().get("/api/v1/clinics/c1/dashboard?sort=-adherence")
                .then().statusCode(200)
                .body("patients.items[0].adherence", equalTo(0.5f))
                .body("openAlerts.items[0].rule", equalTo("PAIN_HIGH"));
    }

    @Test
    void theDashboardsMyPatientsFilterTravelsToTheSummary() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/summary")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"patientId\":\"p1\"}],\"total\":1}")));
        Downstreams.session().stubFor(get(urlPathEqualTo("/clinics/c1/alerts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"total\":0}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/clinics/c1/dashboard?assignedTo=me&page=1")
                .then().statusCode(200).body("patients.total", equalTo(1));
        Downstreams.session().verify(getRequestedFor(urlPathEqualTo("/clinics/c1/summary"))
                .withQueryParam("assignedTo", com.github.tomakehurst.wiremock.client.WireMock.equalTo("me"))
                .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")));
    }
}
