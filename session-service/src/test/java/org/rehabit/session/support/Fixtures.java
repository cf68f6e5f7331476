package org.rehabit.session.support;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.ResponseSpecification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The steps the session-service tests share, done through the HTTP API as a client would: a clinic of one's
 * own, registering a patient, assigning a program against the stubbed catalog, confirming the safety check,
 * logging sessions, and the shape of a problem+json answer.
 */
public final class Fixtures {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_TYPE = "urn:rehabit:problem:";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Three exercises of the pinched-nerve routine, as the catalog names them. */
    public static final String CIRCLES = "shoulder-circles";
    public static final String TWIST = "seated-spinal-twist";
    public static final String FLEXION = "back-flexion-stretch";

    private Fixtures() {
    }

    /** A clinic made for one test (a fresh id), so that no test sees another's data. */
    public record Clinic(UUID id) {

        public static Clinic fresh() {
            return new Clinic(UUID.randomUUID());
        }

        public String physio() {
            return Tokens.physio(id);
        }

        public String admin() {
            return Tokens.admin(id);
        }

        public String patient(String patientId) {
            return Tokens.patient(id, UUID.fromString(patientId));
        }

        /** The token subject of {@link #physio()}. */
        public String physioSubject() {
            return "physio-" + id.toString().substring(0, 8);
        }
    }

    /** A program as assigned: its id and its items' ids, in order. */
    public record Program(String id, List<String> itemIds) {

        public String item(int index) {
            return itemIds.get(index);
        }
    }

    /** A patient body for POST/PUT /patients; mutable, so a test can spoil the one field it is about. */
    public static Map<String, Object> patientBody(String name, String reference, String timezone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", name);
        if (reference != null) {
            body.put("externalRef", reference);
        }
        body.put("timezone", timezone);
        return body;
    }

    /** Registers a patient in the clinic; answers their id. */
    public static String registerPatient(Clinic clinic, String name, String reference, String timezone) {
        return given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(patientBody(name, reference, timezone))
                .when().post("/patients")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Registers a patient in UTC without a reference; answers their id. */
    public static String registerPatient(Clinic clinic, String name) {
        return registerPatient(clinic, name, null, "UTC");
    }

    /** Stubs the catalog so that each slug resolves, in one call, to version 1 with the default dose. */
    public static void catalogPublishes(String... slugs) {
        Catalog.resolve(List.of(slugs), Stream.of(slugs).distinct()
                .collect(Collectors.toMap(Function.identity(), slug -> Catalog.Exercise.of(slug, 1))), Map.of());
    }

    /** An explicit-items assignment body: the exercises with their default doses. */
    public static Map<String, Object> itemsBody(int sessionsPerWeek, LocalDate start, String... slugs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionsPerWeek", sessionsPerWeek);
        if (start != null) {
            body.put("startDate", start.toString());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (String slug : slugs) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("exercise", slug);
            items.add(item);
        }
        body.put("items", items);
        return body;
    }

    /** Stubs the catalog and assigns the exercises to the patient (a physio of the clinic does). */
    public static Program assign(Clinic clinic, String patientId, int sessionsPerWeek, LocalDate start,
                                 String... slugs) {
        catalogPublishes(slugs);
        JsonPath program = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(itemsBody(sessionsPerWeek, start, slugs))
                .when().post("/patients/{id}/programs", patientId)
                .then().statusCode(201)
                .extract().jsonPath();
        return new Program(program.getString("id"), program.getList("items.id", String.class));
    }

    /** The patient confirms the pre-start safety check of their program. */
    public static void confirmSafety(Clinic clinic, String patientId, Program program) {
        given().auth().oauth2(clinic.patient(patientId))
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patientId, program.id())
                .then().statusCode(200);
    }

    /** Assigns a program and confirms its safety check, so that sessions can be logged against it. */
    public static Program startProgram(Clinic clinic, String patientId, int sessionsPerWeek, LocalDate start,
                                       String... slugs) {
        Program program = assign(clinic, patientId, sessionsPerWeek, start, slugs);
        confirmSafety(clinic, patientId, program);
        return program;
    }

    /** POST /patients/{id}/programs/{programId}/{action}: pause, resume, complete or cancel. */
    public static ValidatableResponse transition(String token, String patientId, String programId, String action) {
        return given().auth().oauth2(token)
                .when().post("/patients/{id}/programs/{p}/" + action, patientId, programId)
                .then();
    }

    /** A session body; mutable, so a test can spoil the one field it is about. */
    @SafeVarargs
    public static Map<String, Object> session(String performedAt, int painBefore, int painAfter,
                                              Map<String, Object>... items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("performedAt", performedAt);
        body.put("painBefore", painBefore);
        body.put("painAfter", painAfter);
        body.put("items", new ArrayList<>(List.of(items)));
        return body;
    }

    /** A program item done in full: 2 sets of 10 (20 repetitions in total, as the player counts them). */
    public static Map<String, Object> done(String itemId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("programItemId", itemId);
        item.put("status", "DONE");
        item.put("setsDone", 2);
        item.put("repsDone", 20);
        return item;
    }

    /** A program item done on one side, held for some seconds. */
    public static Map<String, Object> held(String itemId, String side, int holdSeconds) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("programItemId", itemId);
        item.put("status", "DONE");
        item.put("setsDone", 1);
        item.put("holdSeconds", holdSeconds);
        item.put("side", side);
        return item;
    }

    /** A program item skipped (on one side, or on all when side is null). */
    public static Map<String, Object> skipped(String itemId, String side) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("programItemId", itemId);
        item.put("status", "SKIPPED");
        if (side != null) {
            item.put("side", side);
        }
        return item;
    }

    /** POST /patients/{id}/sessions with the given key (none when null). */
    public static ValidatableResponse postSession(String token, String patientId, String key,
                                                  Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header(IDEMPOTENCY_KEY, key);
        }
        return request.when().post("/patients/{id}/sessions", patientId).then();
    }

    /** Logs a session with a fresh idempotency key; answers its id. */
    public static String logSession(String token, String patientId, Map<String, Object> body) {
        return postSession(token, patientId, UUID.randomUUID().toString(), body)
                .statusCode(201)
                .extract().path("id");
    }

    /** An RFC 9457 answer: the status, on the wire and in the body, and the problem's type. */
    public static ResponseSpecification problem(int status, String type) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectHeader("Content-Type", startsWith(PROBLEM_JSON))
                .expectBody("status", equalTo(status))
                .expectBody("type", equalTo(PROBLEM_TYPE + type))
                .expectBody("title", not(blankOrNullString()))
                .expectBody("detail", not(blankOrNullString()))
                .build();
    }

    /** A 400 validation problem naming exactly the given fields, each with a reason. */
    public static ResponseSpecification invalid(String... fields) {
        return new ResponseSpecBuilder()
                .addResponseSpecification(problem(400, "validation"))
                .expectBody("errors.field", containsInAnyOrder(fields))
                .expectBody("errors.message", everyItem(not(blankOrNullString())))
                .build();
    }
}
