package org.rehabit.gateway;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the public OpenAPI document declares for every operation (api.PublicContract) is what the gateway answers:
 * the problem+json errors with the Problem schema's required fields, the rate-limit headers on 2xx and 4xx answers,
 * Retry-After on 429 and 503, the CORS header. Rate limits on here, with a small per-token limit.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(OpenApiContractTest.Limited.class)
class OpenApiContractTest extends GatewayTestBase {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.rate-limit.per-token", "2", "rehabit.rate-limit.per-address", "100000",
                    "rehabit.rate-limit.burst-seconds", "60");
        }
    }

    private static JsonPath document() {
        return given().accept("application/json").when().get("/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void everyApiOperationHasAUniqueOperationIdAndTheSharedErrorAnswers() {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String id = (String) operation.getValue().get("operationId");
                assertTrue(id != null && id.matches("[a-z][A-Za-z0-9]*"), path.getKey() + " " + id);
                assertTrue(ids.add(id), "unique: " + id);
                if (path.getKey().startsWith("/api/v1/")) {
                    operations++;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> responses = (Map<String, Object>) operation.getValue().get("responses");
                    for (String status : List.of("401", "403", "429", "500", "503")) {
                        assertTrue(responses.containsKey(status), operation.getKey() + " " + path.getKey() + " " + status);
                    }
                }
            }
        }
        assertTrue(operations >= 38, "the /api/v1 operations: " + operations);
        assertEquals(List.of("type", "title", "status"), doc.getList("components.schemas.Problem.required"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearerJwt.scheme"));
        assertEquals(List.of("https://{host}"), doc.getList("servers.url"), "the one server, behind TLS");
    }

    /**
     * Every /api/v1 operation has typed bodies (contract.Bodies): a success answer with a JSON schema from the
     * components (no generic object, no string), request bodies as component references, 201 with Location where
     * the service creates something, and the Idempotency-Key on every creating POST.
     */
    @Test
    void everyApiOperationHasTypedBodiesAndTheRightSuccessStatus() {
        JsonPath doc = document();
        Map<String, Object> components = doc.getMap("components.schemas");
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> wrong = new ArrayList<>();
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                String where = operation.getKey() + " " + path.getKey();
                JsonPath op = new JsonPath(toJson(operation.getValue()));
                Map<String, Object> responses = op.getMap("responses");
                List<String> successes = responses.keySet().stream().filter(k -> k.startsWith("2")).toList();
                if (successes.size() != 1) {
                    wrong.add(where + ": success answers " + successes);
                    continue;
                }
                String success = successes.get(0);
                String schema = op.getString("responses.'" + success + "'.content.'application/json'.schema.$ref");
                if (schema == null) {
                    schema = op.getString("responses.'" + success + "'.content.'application/json'.schema.items.$ref");
                }
                if (schema == null || !components.containsKey(schema.substring(schema.lastIndexOf('/') + 1))) {
                    wrong.add(where + ": success schema " + schema);
                }
                if (op.get("requestBody") != null) {
                    String request = op.getString("requestBody.content.'application/json'.schema.$ref");
                    if (request == null || !components.containsKey(request.substring(request.lastIndexOf('/') + 1))) {
                        wrong.add(where + ": request schema " + request);
                    }
                }
                if (success.equals("201") && op.get("responses.'201'.headers.Location") == null) {
                    wrong.add(where + ": 201 without Location");
                }
            }
        }
        assertEquals(List.of(), wrong);

        String patients = "paths.'/api/v1/patients'.post.";
        assertEquals("#/components/schemas/PatientInput",
                doc.getString(patients + "requestBody.content.'application/json'.schema.$ref"));
        assertEquals("#/components/schemas/Patient",
                doc.getString(patients + "responses.'201'.content.'application/json'.schema.$ref"));
        assertTrue(doc.getList(patients + "parameters.name").contains("Idempotency-Key"));
        for (String created : List.of("/api/v1/patients/{id}/programs", "/api/v1/patients/{id}/sessions",
                "/api/v1/patients/{id}/weights", "/api/v1/exercises")) {
            assertTrue(doc.getMap("paths.'" + created + "'.post.responses").containsKey("201"), created);
        }
        assertEquals(List.of("displayName", "timezone"), doc.getList("components.schemas.PatientInput.required"));
        assertEquals(120, doc.getInt("components.schemas.PatientInput.properties.displayName.maxLength"));
        assertEquals(14, doc.getInt("components.schemas.AssignProgram.properties.sessionsPerWeek.maximum"));
        assertEquals(List.of("ACTIVE", "PAUSED", "COMPLETED", "CANCELLED"),
                doc.getList("components.schemas.ProgramStatus.enum"));
        assertEquals(true, doc.getBoolean("paths.'/api/v1/patients/{id}/sessions'.post.parameters.find { it.name == "
                + "'Idempotency-Key' }.required"));
        // what the services may send as null is declared so; what is always there is required
        assertEquals(List.of("string", "null"), doc.getList("components.schemas.Patient.properties.externalRef.type"));
        assertEquals("null", doc.getString("components.schemas.Today.properties.program.anyOf[1].type"));
        assertTrue(doc.getList("components.schemas.PatientPage.required").containsAll(
                List.of("items", "page", "size", "total")));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every /api/v1 operation, called without a token: the 401 it declares, as problem+json, with the limit headers. */
    @Test
    void withoutATokenEveryApiOperationAnswersTheDeclared401() {
        Map<String, Map<String, Object>> paths = document().getMap("paths");
        List<String> wrong = new ArrayList<>();
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            // {action} takes pause|resume|complete|cancel only (any other is no route: 404)
            String url = path.getKey().replace("{action}", "pause")
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String method : path.getValue().keySet()) {
                Response answer = given().contentType("application/json").body("{}").when()
                        .request(method.toUpperCase(), url);
                if (answer.statusCode() != 401 || !answer.contentType().startsWith("application/problem+json")
                        || answer.jsonPath().getInt("status") != 401 || answer.jsonPath().getString("type") == null
                        || answer.jsonPath().getString("title") == null || answer.header("X-RateLimit-Limit") == null
                        || answer.header("X-RateLimit-Remaining") == null) {
                    wrong.add(method + " " + url + " -> " + answer.statusCode() + " " + answer.contentType());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void forbidden429And503AreTheDeclaredProblemsWithTheirHeaders() {
        // 403: a patient may not read a clinic's audit trail
        given().auth().oauth2(Tokens.token("p", "patient", UUID.randomUUID(), UUID.randomUUID()))
                .when().get("/api/v1/clinics/" + UUID.randomUUID() + "/audit").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403))
                .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", notNullValue());

        // 200 and 429: a token's limit is 2 a minute, a burst of 2
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/wall-slide")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"wall-slide\"}")));
        String token = Tokens.token("c", "physio", UUID.randomUUID(), null);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).when().get("/api/v1/exercises/wall-slide").then().statusCode(200)
                    .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", Integer.toString(1 - i));
        }
        given().auth().oauth2(token).when().get("/api/v1/exercises/wall-slide").then().statusCode(429)
                .contentType("application/problem+json").body("status", equalTo(429))
                .header("Retry-After", notNullValue()).header("X-RateLimit-Remaining", "0");

        // 503 with Retry-After: the session-service cannot be reached
        Downstreams.session().stubFor(get(urlEqualTo("/patients/p1"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p1").then().statusCode(503)
                .contentType("application/problem+json").body("status", equalTo(503))
                .header("Retry-After", notNullValue());
    }

    @Test
    void theDeclaredCorsHeaderIsSentToAnAllowedOrigin() {
        given().header("Origin", "https://portal.clinic.example").when().get("/api/v1/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", "https://portal.clinic.example");
    }
}
