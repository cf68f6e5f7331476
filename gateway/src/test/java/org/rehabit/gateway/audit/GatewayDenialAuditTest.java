package org.rehabit.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Deliveries;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The denials the gateway decides itself on routes of patient data reach the audit trail: delivered after the
 * answer, in batches, with the ingest key, identifiers and codes only (never the token); delivered again while the
 * session-service cannot take them; never for routes without patient data, nor for answers a service gave.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class GatewayDenialAuditTest extends GatewayTestBase {

    private static final String KEY = "test-audit-ingest-key-0123456789";

    private static String requestId() {
        return "gw-test-" + UUID.randomUUID();
    }

    @Test
    void aPatientOnTheClinicDashboardIsDeniedAndTheDenialIsDeliveredWithTheKey() {
        UUID patient = UUID.randomUUID();
        String token = Tokens.patient(patient);
        String id = requestId();
        given().auth().oauth2(token).header("X-Request-Id", id).when()
                .get("/api/v1/clinics/{c}/dashboard", Tokens.CLINIC).then().statusCode(403)
                .contentType("application/problem+json");

        JsonNode denial = Deliveries.awaitDenial(id);
        assertEquals("patient-" + patient, denial.path("subject").asText());
        assertEquals("patient", denial.path("roles").path(0).asText());
        assertEquals(Tokens.CLINIC.toString(), denial.path("clinicId").asText());
        assertTrue(denial.path("patientId").isNull());
        assertEquals("/api/v1/clinics/{clinicId}/dashboard", denial.path("action").asText());
        assertEquals("GET", denial.path("method").asText());
        assertEquals(403, denial.path("status").asInt());
        assertEquals("DENIED", denial.path("outcome").asText());
        // the test profile lists two keys, as during a rotation: the gateway sends the first
        Downstreams.session().verify(postRequestedFor(urlPathEqualTo(Deliveries.PATH))
                .withHeader("X-Rehabit-Audit-Key", equalTo(KEY)));
        Deliveries.requests().forEach(r -> assertFalse(r.getBodyAsString().contains(token), "no token delivered"));
        Deliveries.requests().forEach(r -> assertFalse(r.containsHeader("Authorization"), "no token delivered"));
    }

    @Test
    void noTokenOrAGarbageTokenOnAPatientRouteIsDeliveredAsUnauthenticated() {
        UUID patient = UUID.randomUUID();
        String none = requestId();
        given().header("X-Request-Id", none).when().get("/api/v1/patients/{id}/sessions", patient).then()
                .statusCode(401);
        String garbage = requestId();
        String junk = "garbage.token.NeverLogMe" + UUID.randomUUID();
        given().auth().oauth2(junk).header("X-Request-Id", garbage).when().get("/api/v1/patients/{id}", patient)
                .then().statusCode(401).contentType("application/problem+json");
        String me = requestId();
        given().header("X-Request-Id", me).when().get("/api/v1/me/today").then().statusCode(401);

        JsonNode first = Deliveries.awaitDenial(none);
        assertEquals("/api/v1/patients/{id}/sessions", first.path("action").asText());
        assertEquals(patient.toString(), first.path("patientId").asText());
        assertTrue(first.path("subject").isNull());
        assertTrue(first.path("roles").isNull());
        assertTrue(first.path("clinicId").isNull());
        assertEquals(401, first.path("status").asInt());
        assertEquals("UNAUTHENTICATED", first.path("outcome").asText());
        // the session-service counts anonymous attempts by address, per minute
        assertTrue(first.path("clientAddress").asText().matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"),
                first.path("clientAddress").asText());
        JsonNode second = Deliveries.awaitDenial(garbage);
        assertEquals("/api/v1/patients/{id}", second.path("action").asText());
        assertEquals("UNAUTHENTICATED", second.path("outcome").asText());
        assertEquals("/api/v1/me/today", Deliveries.awaitDenial(me).path("action").asText());
        Deliveries.requests().forEach(r -> assertFalse(r.getBodyAsString().contains("NeverLogMe"),
                "the refused token is not delivered"));
    }

    @Test
    void denialsWithoutPatientDataAndAServicesOwnRefusalsAreNotDelivered() {
        String catalog = requestId();
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).body("{}")
                .header("X-Request-Id", catalog).when().post("/api/v1/exercises").then().statusCode(403);
        // the session-service's own 403 passes through: it is in the trail already, decided there
        Downstreams.session().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/patients/p")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":403}")));
        String passedOn = requestId();
        given().auth().oauth2(Tokens.of("physio")).header("X-Request-Id", passedOn).when()
                .get("/api/v1/patients/p").then().statusCode(403);
        // a later denial on a patient route is delivered: the queue is in order, so the earlier two were not queued
        String later = requestId();
        given().auth().oauth2(Tokens.of("content-editor")).header("X-Request-Id", later).when()
                .get("/api/v1/patients").then().statusCode(403);
        Deliveries.awaitDenial(later);
        assertTrue(Deliveries.find(catalog).isEmpty());
        assertTrue(Deliveries.find(passedOn).isEmpty());
    }

    @Test
    void whileTheSessionServiceCannotTakeThemDenialsAreDeliveredAgainAndTheAnswerNeverWaits() {
        Downstreams.session().stubFor(post(urlPathEqualTo(Deliveries.PATH)).atPriority(0)
                .inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        Downstreams.session().stubFor(post(urlPathEqualTo(Deliveries.PATH)).atPriority(0)
                .inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("back"));
        Downstreams.session().stubFor(post(urlPathEqualTo(Deliveries.PATH)).atPriority(0)
                .inScenario("outage").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(204)));
        String id = requestId();
        given().auth().oauth2(Tokens.of("content-editor")).header("X-Request-Id", id).when()
                .get("/api/v1/clinics/{c}/alerts", Tokens.CLINIC).then().statusCode(403);

        Deliveries.awaitDenial(id);
        Deadline.await(() -> Deliveries.requests().size() >= 3, "three tries: 503, a reset, then taken");
        long tries = Deliveries.denials().stream().filter(d -> id.equals(d.path("requestId").asText())).count();
        assertEquals(3, tries, "the same denial, tried until taken");
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rehabit_audit_denials_delivered_total"))
                .body(containsString("rehabit_audit_denials_dropped_total"));
    }

    @Inject
    DenialShipper shipper;

    @Test
    void whatIsStillQueuedWhenTheGatewayStopsIsDeliveredWithTheFirstKeyOnly() throws Exception {
        shipper.stop(null); // the delivery thread is gone: what is recorded now waits for the drain
        try {
            String id = requestId();
            shipper.record(new Denial(java.time.Instant.now().toString(), id, null, null, null, null,
                    "/api/v1/patients", "GET", 401, "UNAUTHENTICATED", null));
            shipper.stop(null); // stopping again drains the queue, as at shutdown
            Deliveries.awaitDenial(id);
            // the test profile lists two keys, as during a rotation: the drain sends the first, as deliveries do
            Deliveries.requests().forEach(r -> assertEquals(KEY, r.getHeader("X-Rehabit-Audit-Key")));
        } finally {
            shipper.start(null); // delivering again for the tests that follow
        }
    }

    @Test
    void theIngestEndpointIsNotPartOfThePublicApi() {
        given().contentType(ContentType.JSON).header("X-Rehabit-Audit-Key", KEY).body("{\"denials\": []}")
                .when().post(Deliveries.PATH).then().statusCode(404);
        given().contentType(ContentType.JSON).header("X-Rehabit-Audit-Key", KEY).body("{\"denials\": []}")
                .when().post("/api/v1" + Deliveries.PATH).then().statusCode(404);
        Downstreams.session().verify(0, postRequestedFor(urlPathEqualTo(Deliveries.PATH)));
    }

    /** Waits for a condition that an asynchronous delivery makes true. */
    private static final class Deadline {
        static void await(java.util.function.BooleanSupplier condition, String what) {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("Not within 20 s: " + what);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
