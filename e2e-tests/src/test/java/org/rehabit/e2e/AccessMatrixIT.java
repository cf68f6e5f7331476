package org.rehabit.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every public route × every role × own or other clinic, through the gateway against the real services:
 * 200 where PRODUCT.md allows, 403 for a role that may not, 404 for anything of another clinic or another
 * patient — never a leak. And tokens that must not get in: none, expired, wrong issuer or audience,
 * {@code alg=none}, tampered.
 */
class AccessMatrixIT {

    private static final RunningPlatform PLATFORM = RunningPlatform.get();
    private static final UUID CLINIC_A = UUID.randomUUID();
    private static final UUID CLINIC_B = UUID.randomUUID();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static String patientA;
    private static String programA;
    private static String alertA;
    private static String measureA;
    private static String sessionA;

    @BeforeAll
    static void twoClinics() {
        String physioA = PLATFORM.staff("physio", CLINIC_A);
        patientA = register(physioA, "Alice A");
        String otherA = register(physioA, "Otto A");
        register(PLATFORM.staff("physio", CLINIC_B), "Bea B");
        JsonPath program = PLATFORM.as(physioA).contentType(ContentType.JSON)
                .body(Map.of("template", "upper-back-pinched-nerve-starter", "sessionsPerWeek", 3))
                .when().post("/api/v1/patients/{id}/programs", patientA).then().statusCode(201).extract().jsonPath();
        programA = program.getString("id");
        String self = PLATFORM.patient(CLINIC_A, UUID.fromString(patientA));
        PLATFORM.as(self).when().post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patientA, programA)
                .then().statusCode(200);
        sessionA = PLATFORM.as(self).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("performedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)
                                .truncatedTo(ChronoUnit.SECONDS).toString(), "painBefore", 2, "painAfter", 7,
                        "items", List.of(Map.of("programItemId", program.getString("items[0].id"), "status", "DONE"))))
                .when().post("/api/v1/patients/{id}/sessions", patientA).then().statusCode(201).extract().path("id");
        alertA = PLATFORM.as(physioA).when().get("/api/v1/clinics/{c}/alerts", CLINIC_A)
                .then().statusCode(200).extract().path("items[0].id");
        measureA = PLATFORM.as(physioA).contentType(ContentType.JSON)
                .body(Map.of("instrument", "ndi", "schedule", "INTAKE"))
                .when().post("/api/v1/patients/{id}/outcome-measures", patientA).then().statusCode(201)
                .extract().path("id");

        TOKENS.put("patient-self", self);
        TOKENS.put("patient-other", PLATFORM.patient(CLINIC_A, UUID.fromString(otherA)));
        TOKENS.put("physio-A", physioA);
        TOKENS.put("admin-A", PLATFORM.staff("clinic-admin", CLINIC_A));
        TOKENS.put("physio-B", PLATFORM.staff("physio", CLINIC_B));
        TOKENS.put("admin-B", PLATFORM.staff("clinic-admin", CLINIC_B));
        TOKENS.put("editor", PLATFORM.editor());
    }

    private static String register(String physio, String name) {
        return PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "timezone", "UTC"))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
    }

    /** One route and the status each caller must get, in the order of {@link #TOKENS}. */
    private record Route(String method, String path, String body, int... expected) {
    }

    @TestFactory
    List<DynamicTest> everyRouteEveryRoleEveryClinic() {
        String p = "/api/v1/patients/" + patientA;
        String c = "/api/v1/clinics/" + CLINIC_A;
        //                                   self other physA admA physB admB editor
        List<Route> routes = List.of(
                new Route("GET", p, null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/programs", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/programs/current", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/sessions", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/progress", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/weights", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/energy-target", null, 404, 404, 404, 404, 404, 404, 403),
                new Route("PUT", p, "{\"displayName\":\"X\",\"timezone\":\"UTC\"}", 403, 403, 428, 428, 404, 404, 403),
                new Route("POST", p + "/programs/" + programA + "/pause", null, 403, 403, -1, -1, 404, 404, 403),
                // an invalid body is refused before anything is looked up: the same 400 whoever's id it is
                new Route("POST", p + "/sessions", "{}", 400, 400, 400, 400, 400, 400, 403),
                // a well-formed one reaches the tenant check: another clinic's patient is simply not there
                new Route("POST", p + "/sessions", validSession(), 400, 404, 400, 400, 404, 404, 403),
                // reassigning: the clinic's own admin only (428: it needs If-Match; another clinic's admin: 404)
                new Route("PUT", p + "/physio", "{\"physioId\":\"someone\"}", 403, 403, 403, 428, 403, 404, 403),
                // a patient's outcome measures (#17): staff assign and cancel; the patient answers and reads their own;
                // another clinic, or another patient, finds nothing there. Invalid bodies and answers (NDI sections
                // take 0-5) change nothing.
                new Route("GET", p + "/outcome-measures", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/outcome-measures/" + measureA + "/scores", null,
                        200, 404, 200, 200, 404, 404, 403),
                new Route("POST", p + "/outcome-measures", "{}", 403, 403, 400, 400, 400, 400, 403),
                new Route("POST", p + "/outcome-measures", "{\"instrument\":\"nprs\",\"schedule\":\"DISCHARGE\"}",
                        403, 403, 201, 201, 404, 404, 403),
                new Route("POST", p + "/outcome-measures/" + measureA + "/responses", "{\"answers\":{\"s1\":9}}",
                        400, 404, 400, 400, 404, 404, 403),
                new Route("POST", p + "/outcome-measures/" + measureA + "/cancel", null,
                        403, 403, -1, -1, 404, 404, 403),
                new Route("GET", c + "/dashboard", null, 403, 403, 200, 200, 404, 404, 403),
                new Route("GET", c + "/dashboard?assignedTo=me", null, 403, 403, 200, 200, 404, 404, 403),
                new Route("GET", c + "/staff", null, 403, 403, 200, 200, 404, 404, 403),
                new Route("GET", c + "/alerts", null, 403, 403, 200, 200, 404, 404, 403),
                new Route("GET", c + "/alert-settings", null, 403, 403, 200, 200, 404, 404, 403),
                // the audit trail: the clinic's own admin only
                new Route("GET", c + "/audit", null, 403, 403, 403, 200, 403, 404, 403),
                new Route("PUT", c + "/alert-settings",
                        "{\"painAfterThreshold\":7,\"painRiseThreshold\":2,\"inactivityDays\":7}",
                        403, 403, 403, 200, 403, 404, 403),
                new Route("POST", "/api/v1/alerts/" + alertA + "/acknowledge", null, 403, 403, -1, -1, 404, 404, 403),
                new Route("GET", "/api/v1/patients", null, 403, 403, 200, 200, 200, 200, 403),
                new Route("GET", "/api/v1/patients?assignedTo=me", null, 403, 403, 200, 200, 200, 200, 403),
                new Route("POST", "/api/v1/patients", "{\"displayName\":\"N\",\"timezone\":\"UTC\"}",
                        403, 403, 201, 201, 201, 201, 403),
                new Route("GET", "/api/v1/exercises/shoulder-circles", null, 200, 200, 200, 200, 200, 200, 200),
                new Route("POST", "/api/v1/exercises/shoulder-circles/retire", null, 403, 403, 403, 403, 403, 403, -1),
                // outcome-measure instruments: anyone signed in reads, only content editors write (an invalid body
                // here, so the editor's 400 changes nothing)
                new Route("GET", "/api/v1/instruments", null, 200, 200, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/instruments/ndi", null, 200, 200, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/instruments/psfs/versions/1", null, 200, 200, 200, 200, 200, 200, 200),
                new Route("POST", "/api/v1/instruments/ndi/versions", "{}", 403, 403, 403, 403, 403, 403, 400),
                new Route("PUT", "/api/v1/instruments/ndi/versions/1/text", "{}", 403, 403, 403, 403, 403, 403, 400),
                // the patient lifecycle: voiding a session (an invalid body is refused before any lookup; a valid
                // one by the patient or their clinic's staff would void it), discharge and reactivation (staff,
                // If-Match: 428 without), the export (staff and the patient themselves), erasure (the clinic's own
                // admin; a confirmation naming someone else is 400 and erases nothing)
                new Route("POST", p + "/sessions/" + sessionA + "/void", "{}", 400, 400, 400, 400, 400, 400, 403),
                new Route("POST", p + "/sessions/" + sessionA + "/void", "{\"reason\":\"wrong day\"}",
                        -1, 404, -1, -1, 404, 404, 403),
                new Route("POST", p + "/discharge", "{\"reason\":\"goals met\"}", 403, 403, 428, 428, 404, 404, 403),
                new Route("POST", p + "/reactivation", null, 403, 403, 428, 428, 404, 404, 403),
                new Route("GET", p + "/export", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("GET", p + "/export?format=html", null, 200, 404, 200, 200, 404, 404, 403),
                new Route("POST", p + "/erasure", "{\"confirmPatientId\":\"" + UUID.randomUUID() + "\"}",
                        403, 403, 403, 400, 403, 404, 403),
                new Route("GET", "/api/v1/patients?status=DISCHARGED", null, 403, 403, 200, 200, 200, 200, 403),
                new Route("GET", "/api/v1/me/today", null, 200, 200, 403, 403, 403, 403, 403));
        List<String> callers = new ArrayList<>(TOKENS.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : routes) {
            for (int i = 0; i < callers.size(); i++) {
                int expected = route.expected()[i];
                if (expected < 0) {
                    continue; // allowed, and it would change the fixture: covered by the clinic's day
                }
                String caller = callers.get(i);
                tests.add(DynamicTest.dynamicTest(route.method() + " " + route.path() + " as " + caller + " → "
                        + expected, () -> {
                            var request = PLATFORM.as(TOKENS.get(caller))
                                    .header("Idempotency-Key", UUID.randomUUID().toString());
                            if (route.body() != null) {
                                request.contentType(ContentType.JSON).body(route.body());
                            }
                            request.when().request(route.method(), route.path())
                                    .then().statusCode(expected);
                        }));
            }
        }
        return tests;
    }

    @Test
    void anotherClinicsListsNeverShowThisClinicsPatients() {
        PLATFORM.as(TOKENS.get("physio-B")).when().get("/api/v1/patients?size=100")
                .then().statusCode(200).body("items.id", not(hasItem(patientA)));
        PLATFORM.as(TOKENS.get("physio-A")).when().get("/api/v1/patients?size=100")
                .then().statusCode(200).body("items.id", hasItem(patientA));
        PLATFORM.as(TOKENS.get("admin-B")).when().get("/api/v1/clinics/{c}/dashboard", CLINIC_B)
                .then().statusCode(200).body("patients.items.patientId", not(hasItem(patientA)));
        PLATFORM.as(TOKENS.get("admin-B")).when().get("/api/v1/clinics/{c}/staff", CLINIC_B)
                .then().statusCode(200)
                .body("subject", hasItem("physio-" + CLINIC_B.toString().substring(0, 8)))
                .body("subject", not(hasItem("physio-" + CLINIC_A.toString().substring(0, 8))));
    }

    @Test
    void tokensThatMustNotGetIn() {
        String valid = TOKENS.get("physio-A");
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + b64(payload.replace(CLINIC_A.toString(), CLINIC_B.toString())) + "."
                + parts[2];
        long now = OffsetDateTime.now().toEpochSecond();
        String expired = parts[0] + "." + b64(payload.replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 60))) + "."
                + parts[2];
        String wrongIssuer = PLATFORM.tokenFrom("https://evil.example/auth", "rehabit", "physio", CLINIC_A);
        String wrongAudience = PLATFORM.tokenFrom("https://rehabit.local/auth", "someone-else", "physio", CLINIC_A);
        List<String> refused = List.of(unsigned, tampered, expired, wrongIssuer, wrongAudience, "not-a-jwt",
                PLATFORM.token("x", "physio", CLINIC_A, null).replace('a', 'b'));
        for (String token : refused) {
            PLATFORM.as(token).when().get("/api/v1/patients").then().statusCode(401);
        }
        PLATFORM.api().when().get("/api/v1/patients").then().statusCode(401)
                .body("type", equalTo("urn:rehabit:problem:unauthenticated"));
    }

    /** A well-formed session naming an item no program has (so that nothing is ever stored). */
    private static String validSession() {
        return "{\"performedAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)
                .truncatedTo(ChronoUnit.SECONDS) + "\",\"painBefore\":1,\"painAfter\":1,\"items\":[{\"programItemId\":\""
                + UUID.randomUUID() + "\",\"status\":\"DONE\"}]}";
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
