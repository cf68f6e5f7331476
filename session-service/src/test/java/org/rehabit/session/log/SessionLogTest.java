package org.rehabit.session.log;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.IDEMPOTENCY_KEY;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.assign;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.confirmSafety;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.held;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.itemsBody;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * Logging sessions exactly once (Idempotency-Key: replay, reuse, racing duplicates), what a log may hold,
 * against which program, and corrections as new records.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class SessionLogTest extends ServiceTestBase {

    /** Wednesday noon, UTC: every "now" rule of these tests sees this time. */
    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");
    private static final String MORNING = "2026-03-18T08:30:00+01:00";

    private final Clinic clinic = Clinic.fresh();
    private String patient;
    private String token;
    private Program program;

    @Inject
    SessionLogWriter writer;

    @BeforeEach
    void patientWithAStartedProgram() {
        clock.set(NOW);
        patient = registerPatient(clinic, "Sam Session");
        token = clinic.patient(patient);
        // started a year ago, so that sessions of the past year are within the program
        program = startProgram(clinic, patient, 3, LocalDate.parse("2025-03-01"), CIRCLES, TWIST);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = session(MORNING, 3, 2, done(program.item(0)), held(program.item(1), "LEFT", 5));
        ExtractableResponse<Response> first = postSession(token, patient, key, body)
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .body("programId", equalTo(program.id()))
                .body("loggedBy", equalTo("patient-" + patient))
                .body("createdAt", equalTo("2026-03-18T12:00:00Z"))
                .extract();
        String id = first.path("id");
        assertThat(first.header("Location"), endsWith("/patients/" + patient + "/sessions/" + id));

        clock.set(NOW.plusSeconds(60));
        postSession(token, patient, key, body)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id))
                .body("createdAt", equalTo("2026-03-18T12:00:00Z"));
        // the same content written in another order is the same request
        Map<String, Object> reordered = new LinkedHashMap<>();
        List.of("items", "painAfter", "painBefore", "performedAt").forEach(k -> reordered.put(k, body.get(k)));
        postSession(token, patient, key, reordered)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));

        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", contains(id));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        String id = postSession(token, patient, key, session(MORNING, 3, 2, done(program.item(0))))
                .statusCode(201).extract().path("id");
        postSession(token, patient, key, session(MORNING, 3, 6, done(program.item(0))))
                .spec(problem(422, "unprocessable"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].painAfter", equalTo(2));
    }

    @Test
    void aKeyBelongsToOnePatient() {
        String key = UUID.randomUUID().toString();
        String mine = postSession(token, patient, key, session(MORNING, 3, 2, done(program.item(0))))
                .statusCode(201).extract().path("id");
        String other = registerPatient(clinic, "Tom Other");
        Program theirs = startProgram(clinic, other, 3, null, CIRCLES);
        postSession(clinic.patient(other), other, key, session(MORNING, 3, 2, done(theirs.item(0))))
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .body("id", not(equalTo(mine)))
                .body("patientId", equalTo(other));
    }

    /**
     * Ten copies of one log sent at once (a phone retrying on a bad network): every copy gets the same answer,
     * 201 with the same body, and one session is stored. A 409 would make a phone give up on a stored log.
     */
    @Test
    void concurrentDuplicatesAllGetTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = session(MORNING, 4, 3, done(program.item(0)));
        int copies = 10;
        ExecutorService phones = Executors.newFixedThreadPool(copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                futures.add(phones.submit(() -> {
                    go.await();
                    return postSession(token, patient, key, body).extract();
                }));
            }
            go.countDown();
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> future : futures) {
                answers.add(future.get());
            }
            List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).toList();
            assertThat(statuses, everyItem(equalTo(201)));
            Set<String> bodies = answers.stream().map(a -> a.body().asString()).collect(Collectors.toSet());
            assertEquals(1, bodies.size(), "every copy gets the same body: " + bodies);
            Set<String> locations = answers.stream().map(a -> a.header("Location")).collect(Collectors.toSet());
            assertEquals(1, locations.size(), "every copy names the same session: " + locations);
            String id = answers.get(0).path("id");
            assertEquals(1, answers.stream().filter(a -> "false".equals(a.header("Idempotent-Replayed"))).count(),
                    "one copy stored it, the others replayed it");
            given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(id));
        } finally {
            phones.shutdownNow();
        }
    }

    /**
     * Logs that arrive together share one commit (group commit); one of them that breaks a unique key (here a key a
     * stored log already has) fails alone: the others of its batch are stored, and it gets PostgreSQL's unique
     * violation, which the service answers as a replay.
     */
    @Test
    void aLogThatFailsInAGroupCommitFailsAloneAndTheOthersAreStored() {
        String taken = UUID.randomUUID().toString();
        postSession(token, patient, taken, session(MORNING, 2, 2, done(program.item(0)))).statusCode(201);
        LogSessionRequest request = new LogSessionRequest(null, OffsetDateTime.parse(MORNING), 1, 1, null, null,
                null, null, List.of());
        Map<String, SessionLogWriter.Pending> byKey = new LinkedHashMap<>();
        for (String key : List.of("group-a-" + UUID.randomUUID(), taken, "group-b-" + UUID.randomUUID())) {
            SessionLog log = new SessionLog(clinic.id(), UUID.fromString(patient), UUID.fromString(program.id()),
                    request, List.of(), "patient-" + patient, key, "h", NOW);
            byKey.put(key, new SessionLogWriter.Pending(log, null));
        }
        writer.writeAll(new ArrayList<>(byKey.values()));

        byKey.forEach((key, pending) -> {
            assertThat(key, pending.done().isDone(), equalTo(true));
            assertThat(key, pending.done().isCompletedExceptionally(), equalTo(key.equals(taken)));
        });
        Throwable refused = assertThrows(ExecutionException.class, () -> byKey.get(taken).done().get()).getCause();
        assertThat(refused instanceof SQLException sql ? sql.getSQLState() : String.valueOf(refused), equalTo("23505"));
        List<String> keys = byKey.values().stream().filter(p -> !p.log().idempotencyKey.equals(taken))
                .map(p -> p.log().id.toString()).toList();
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.id", hasItems(keys.toArray()));
    }

    /**
     * A session belongs to its program's days: 2 to 15 March here. Just after midnight on the 2nd by the client's
     * offset (still the 1st in the patient's UTC) is in; the 1st and the 16th by both are refused with 422.
     */
    @Test
    void aSessionIsDatedWithinItsProgramsDays() {
        String ended = registerPatient(clinic, "Ena Ended");
        catalogPublishes(CIRCLES);
        Map<String, Object> assignment = itemsBody(3, LocalDate.parse("2026-03-02"), CIRCLES);
        assignment.put("endDate", "2026-03-15");
        JsonPath assigned = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(assignment)
                .when().post("/patients/{id}/programs", ended)
                .then().statusCode(201)
                .extract().jsonPath();
        Program twoWeeks = new Program(assigned.getString("id"), assigned.getList("items.id", String.class));
        confirmSafety(clinic, ended, twoWeeks);
        String mine = clinic.patient(ended);

        postSession(mine, ended, UUID.randomUUID().toString(),
                session("2026-03-01T23:30:00+01:00", 2, 2, done(twoWeeks.item(0))))
                .spec(problem(422, "unprocessable"))
                .body("detail", containsString("before"));
        logSession(mine, ended, session("2026-03-02T00:30:00+01:00", 2, 2, done(twoWeeks.item(0))));
        logSession(mine, ended, session("2026-03-15T23:30:00+01:00", 2, 2, done(twoWeeks.item(0))));
        postSession(mine, ended, UUID.randomUUID().toString(),
                session("2026-03-16T08:00:00+01:00", 2, 2, done(twoWeeks.item(0))))
                .spec(problem(422, "unprocessable"))
                .body("detail", containsString("after"));
        given().auth().oauth2(mine).when().get("/patients/{id}/sessions", ended)
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void theIdempotencyKeyIsRequiredAndWellFormed() {
        Map<String, Object> body = session(MORNING, 3, 2, done(program.item(0)));
        postSession(token, patient, null, body).spec(invalid(IDEMPOTENCY_KEY));
        postSession(token, patient, "has space", body).spec(invalid(IDEMPOTENCY_KEY));
        postSession(token, patient, "k".repeat(129), body).spec(invalid(IDEMPOTENCY_KEY));
        postSession(token, patient, "k".repeat(128), body).statusCode(201);
    }

    @Test
    void invalidSessionsAreRefusedFieldByFieldAndStoreNothing() {
        String key = UUID.randomUUID().toString();
        assertRefused(key, session(MORNING, 3, 11, done(program.item(0))), "painAfter");
        assertRefused(key, session(MORNING, -1, 2, done(program.item(0))), "painBefore");
        Map<String, Object> noPain = session(MORNING, 3, 2, done(program.item(0)));
        noPain.remove("painAfter");
        assertRefused(key, noPain, "painAfter");
        Map<String, Object> noTime = session(MORNING, 3, 2, done(program.item(0)));
        noTime.remove("performedAt");
        assertRefused(key, noTime, "performedAt");
        Map<String, Object> noOffset = session("2026-03-18T08:30:00", 3, 2, done(program.item(0)));
        assertRefused(key, noOffset, "performedAt");
        Map<String, Object> tooHard = session(MORNING, 3, 2, done(program.item(0)));
        tooHard.put("perceivedDifficulty", 11);
        assertRefused(key, tooHard, "perceivedDifficulty");
        Map<String, Object> negativeDuration = session(MORNING, 3, 2, done(program.item(0)));
        negativeDuration.put("durationSeconds", -5);
        assertRefused(key, negativeDuration, "durationSeconds");
        assertRefused(key, session(MORNING, 3, 2), "items");

        Map<String, Object> negativeSets = done(program.item(0));
        negativeSets.put("setsDone", -1);
        assertRefused(key, session(MORNING, 3, 2, negativeSets), "items[0].setsDone");
        Map<String, Object> negativeReps = done(program.item(0));
        negativeReps.put("repsDone", -10);
        assertRefused(key, session(MORNING, 3, 2, negativeReps), "items[0].repsDone");
        Map<String, Object> negativeHold = held(program.item(1), "LEFT", -3);
        assertRefused(key, session(MORNING, 3, 2, done(program.item(0)), negativeHold), "items[1].holdSeconds");
        Map<String, Object> painful = done(program.item(0));
        painful.put("painDuring", 11);
        assertRefused(key, session(MORNING, 3, 2, painful), "items[0].painDuring");
        Map<String, Object> noStatus = done(program.item(0));
        noStatus.remove("status");
        assertRefused(key, session(MORNING, 3, 2, noStatus), "items[0].status");
        Map<String, Object> maybe = done(program.item(0));
        maybe.put("status", "MAYBE");
        assertRefused(key, session(MORNING, 3, 2, maybe), "items[0].status");
        assertRefused(key, session(MORNING, 3, 2, held(program.item(1), "LEFT", 5), held(program.item(1), "LEFT", 6)),
                "items[1]");

        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(0));
        // a refused request used up nothing: the key still logs the session it was made for
        postSession(token, patient, key, session(MORNING, 3, 2, done(program.item(0))))
                .statusCode(201)
                .header("Idempotent-Replayed", "false");
    }

    /**
     * The player's contract: an EACH_SIDE or ALTERNATING item is logged per side, LEFT and RIGHT once each (or as one
     * entry without a side); a side on an item done on both sides, a side that is not LEFT or RIGHT, a side twice,
     * or an item logged both whole and per side is refused, naming the entry.
     */
    @Test
    void sidesAreLoggedForTwoSidedItemsOnlyAndOnceEach() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> circlesLeft = done(program.item(0));
        circlesLeft.put("side", "LEFT");
        assertRefused(key, session(MORNING, 3, 2, circlesLeft), "items[0].side");
        Map<String, Object> twistBoth = held(program.item(1), "BOTH", 20);
        assertRefused(key, session(MORNING, 3, 2, done(program.item(0)), twistBoth), "items[1].side");
        Map<String, Object> twistEach = held(program.item(1), "EACH_SIDE", 20);
        assertRefused(key, session(MORNING, 3, 2, twistEach), "items[0].side");
        assertRefused(key, session(MORNING, 3, 2, held(program.item(1), "RIGHT", 20),
                held(program.item(1), "RIGHT", 22)), "items[1]");
        assertRefused(key, session(MORNING, 3, 2, skipped(program.item(1), null),
                held(program.item(1), "LEFT", 22)), "items[1]");
        assertRefused(key, session(MORNING, 3, 2, held(program.item(1), "LEFT", 22),
                skipped(program.item(1), null)), "items[1]");

        Map<String, Object> left = held(program.item(1), "LEFT", 12);
        left.put("repsDone", 3);
        left.put("painDuring", 2);
        Map<String, Object> right = held(program.item(1), "RIGHT", 30);
        right.put("repsDone", 3);
        String id = postSession(token, patient, key, session(MORNING, 3, 2, done(program.item(0)), left, right))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, id)
                .then().statusCode(200)
                .body("items.side", contains(null, "LEFT", "RIGHT"))
                .body("items.holdSeconds", contains(null, 12, 30))
                .body("items.repsDone", contains(20, 3, 3))
                .body("items.painDuring", contains(null, 2, null));
    }

    @Test
    void onlyTheProgramsItemsCanBeLogged() {
        String other = registerPatient(clinic, "Una Other");
        Program theirs = startProgram(clinic, other, 3, null, TWIST);
        assertRefused(UUID.randomUUID().toString(), session(MORNING, 3, 2, done(theirs.item(0))),
                "items[0].programItemId");
        assertRefused(UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(program.item(0)), done(UUID.randomUUID().toString())),
                "items[1].programItemId");
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void aSessionCannotBeInTheFutureOrOverAYearOld() {
        assertRefused(UUID.randomUUID().toString(),
                session("2026-03-18T12:06:00Z", 3, 2, done(program.item(0))), "performedAt");
        assertRefused(UUID.randomUUID().toString(),
                session("2026-03-18T18:00:00+05:30", 3, 2, done(program.item(0))), "performedAt");
        assertRefused(UUID.randomUUID().toString(),
                session("2025-03-01T12:00:00Z", 3, 2, done(program.item(0))), "performedAt");
        // a phone clock a few minutes fast is believed
        logSession(token, patient, session("2026-03-18T12:04:00Z", 3, 2, done(program.item(0))));
        logSession(token, patient, session("2025-06-01T12:00:00Z", 3, 2, done(program.item(0))));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void theOffsetTheClientSentIsKeptExactly() {
        String india = logSession(token, patient, session("2026-03-18T08:30:00+05:30", 3, 2, done(program.item(0))));
        String lateEvening = logSession(token, patient,
                session("2026-03-17T23:30:00-05:00", 3, 2, done(program.item(0))));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, india)
                .then().statusCode(200)
                .body("performedAt", equalTo("2026-03-18T08:30:00+05:30"))
                .body("localDate", equalTo("2026-03-18"));
        // 04:30 UTC on the 18th, but the patient's own day was the 17th
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/sessions/{s}", patient, lateEvening)
                .then().statusCode(200)
                .body("performedAt", equalTo("2026-03-17T23:30:00-05:00"))
                .body("localDate", equalTo("2026-03-17"));
    }

    @Test
    void everythingLoggedIsReadBack() {
        Map<String, Object> circles = done(program.item(0));
        circles.put("painDuring", 3);
        Map<String, Object> body = session(MORNING, 3, 4, circles, held(program.item(1), "LEFT", 25),
                skipped(program.item(1), "RIGHT"));
        body.put("perceivedDifficulty", 6);
        body.put("durationSeconds", 900);
        body.put("notes", "  right side too stiff  ");
        String id = logSession(clinic.physio(), patient, body);
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, id)
                .then().statusCode(200)
                .body("patientId", equalTo(patient))
                .body("loggedBy", equalTo(clinic.physioSubject()))
                .body("painBefore", equalTo(3))
                .body("painAfter", equalTo(4))
                .body("perceivedDifficulty", equalTo(6))
                .body("durationSeconds", equalTo(900))
                .body("notes", equalTo("right side too stiff"))
                .body("correctsId", nullValue())
                .body("items", hasSize(3))
                .body("items.exerciseSlug", contains(CIRCLES, TWIST, TWIST))
                .body("items.status", contains("DONE", "DONE", "SKIPPED"))
                .body("items.side", contains(null, "LEFT", "RIGHT"))
                .body("items[0].setsDone", equalTo(2))
                .body("items[0].repsDone", equalTo(20))
                .body("items[0].painDuring", equalTo(3))
                .body("items[1].holdSeconds", equalTo(25));
    }

    @Test
    void sessionsNeedAnOpenConfirmedProgram() {
        String fresh = registerPatient(clinic, "Vic Unconfirmed");
        Program unconfirmed = assign(clinic, fresh, 3, null, CIRCLES);
        postSession(clinic.patient(fresh), fresh, UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(unconfirmed.item(0))))
                .spec(problem(409, "conflict"));

        String none = registerPatient(clinic, "Wyn Without");
        postSession(clinic.patient(none), none, UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(UUID.randomUUID().toString())))
                .spec(problem(409, "conflict"));

        Map<String, Object> unknownProgram = session(MORNING, 3, 2, done(program.item(0)));
        unknownProgram.put("programId", UUID.randomUUID().toString());
        assertRefused(UUID.randomUUID().toString(), unknownProgram, "programId");
    }

    @Test
    void aPausedProgramTakesSessionsAnEndedOneDoesNot() {
        transition(clinic.physio(), patient, program.id(), "pause").statusCode(200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = session(MORNING, 3, 2, done(program.item(0)));
        String id = postSession(token, patient, key, body).statusCode(201).extract().path("id");

        transition(clinic.physio(), patient, program.id(), "complete").statusCode(200);
        postSession(token, patient, UUID.randomUUID().toString(), session(MORNING, 3, 1, done(program.item(0))))
                .spec(problem(409, "conflict"));
        Map<String, Object> explicit = session(MORNING, 3, 1, done(program.item(0)));
        explicit.put("programId", program.id());
        postSession(token, patient, UUID.randomUUID().toString(), explicit)
                .spec(problem(409, "conflict"));
        // what was acknowledged before stays acknowledged: a late retry still gets its answer
        postSession(token, patient, key, body)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void onlyThePatientAndTheirClinicMayLogAndRead() {
        String id = logSession(token, patient, session(MORNING, 3, 2, done(program.item(0))));
        String other = registerPatient(clinic, "Xia Other");
        postSession(clinic.patient(other), patient, UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(program.item(0))))
                .spec(problem(404, "not-found"));
        Clinic elsewhere = Clinic.fresh();
        postSession(elsewhere.physio(), patient, UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(program.item(0))))
                .spec(problem(404, "not-found"));
        postSession(Tokens.editor(clinic.id()), patient, UUID.randomUUID().toString(),
                session(MORNING, 3, 2, done(program.item(0))))
                .spec(problem(403, "forbidden"));
        given().auth().oauth2(elsewhere.physio()).when().get("/patients/{id}/sessions/{s}", patient, id)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(other)).when().get("/patients/{id}/sessions/{s}", other, id)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, UUID.randomUUID())
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void sessionsAreListedNewestFirstBetweenLocalDates() {
        String monday = logSession(token, patient, session("2026-03-16T18:00:00Z", 3, 2, done(program.item(0))));
        String tuesday = logSession(token, patient, session("2026-03-17T18:00:00Z", 3, 2, done(program.item(0))));
        String wednesday = logSession(token, patient, session("2026-03-18T07:00:00Z", 3, 2, done(program.item(0))));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("items.id", contains(wednesday, tuesday, monday));
        given().auth().oauth2(token).queryParam("from", "2026-03-17").queryParam("to", "2026-03-17")
                .when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", contains(tuesday));
        given().auth().oauth2(token).queryParam("from", "2026-03-17").queryParam("size", 1)
                .when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(wednesday));
        given().auth().oauth2(token).queryParam("from", "2026-03-18").queryParam("to", "2026-03-17")
                .when().get("/patients/{id}/sessions", patient)
                .then().spec(invalid("to"));
    }

    @Test
    void aCorrectionIsANewRecordAndCountsOnceWithItsOwnValues() {
        String original = logSession(token, patient,
                session("2026-03-18T09:00:00Z", 3, 8, done(program.item(0)), held(program.item(1), "LEFT", 5)));
        Map<String, Object> fixed = session("2026-03-18T09:00:00Z", 3, 4, skipped(program.item(0), null),
                held(program.item(1), "LEFT", 5));
        fixed.put("correctsId", original);
        String correction = logSession(token, patient, fixed);

        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, original)
                .then().statusCode(200)
                .body("painAfter", equalTo(8))
                .body("correctsId", nullValue());
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, correction)
                .then().statusCode(200)
                .body("correctsId", equalTo(original));

        Map<String, Object> again = session("2026-03-18T09:00:00Z", 3, 3, done(program.item(0)));
        again.put("correctsId", original);
        postSession(token, patient, UUID.randomUUID().toString(), again).spec(problem(409, "conflict"));

        // week of Monday 16 March: one session (not two), with the correction's pain and items
        given().auth().oauth2(token).queryParam("weeks", 1).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("sessionsDone", equalTo(1))
                .body("byWeek[0].weekStart", equalTo("2026-03-16"))
                .body("byWeek[0].done", equalTo(1))
                .body("byWeek[0].painAfter", equalTo(4.0f))
                .body("byExercise.find { it.exerciseSlug == 'shoulder-circles' }.done", equalTo(0))
                .body("byExercise.find { it.exerciseSlug == 'shoulder-circles' }.skipped", equalTo(1));
    }

    /**
     * Two devices correcting the same session at once: one correction is stored, every other one gets a 409 that
     * names the winner; copies with the winner's key and body get its answer. The list marks the original as
     * superseded by the winner.
     */
    @Test
    void concurrentCorrectionsOfOneSessionStoreOneAndAnswerTheOthersClearly() throws Exception {
        String original = logSession(token, patient, session("2026-03-18T09:00:00Z", 3, 4, done(program.item(0))));
        String sharedKey = UUID.randomUUID().toString();
        Map<String, Object> shared = session("2026-03-18T09:00:00Z", 3, 5, done(program.item(0)));
        shared.put("correctsId", original);
        int copies = 8;
        ExecutorService phones = Executors.newFixedThreadPool(copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                boolean copyOfShared = i % 2 == 0;
                int pain = i;
                futures.add(phones.submit(() -> {
                    Map<String, Object> body = shared;
                    String key = sharedKey;
                    if (!copyOfShared) {
                        body = session("2026-03-18T09:00:00Z", 3, pain, done(program.item(0)));
                        body.put("correctsId", original);
                        key = UUID.randomUUID().toString();
                    }
                    go.await();
                    return postSession(token, patient, key, body).extract();
                }));
            }
            go.countDown();
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> future : futures) {
                answers.add(future.get());
            }
            List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).toList();
            assertThat(statuses, everyItem(anyOf(equalTo(201), equalTo(409))));
            Set<String> stored = answers.stream().filter(a -> a.statusCode() == 201).map(a -> (String) a.path("id"))
                    .collect(Collectors.toSet());
            assertEquals(1, stored.size(), "one correction stored, every 201 names it: " + statuses);
            String winner = stored.iterator().next();
            for (ExtractableResponse<Response> refused : answers.stream().filter(a -> a.statusCode() == 409).toList()) {
                assertEquals("application/problem+json", refused.contentType());
                assertThat(refused.path("detail"), containsString("already corrected by " + winner));
                assertThat(refused.path("detail"), containsString("reload"));
            }
            given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                    .then().statusCode(200)
                    .body("total", equalTo(2))
                    .body("items.find { it.id == '" + original + "' }.supersededBy", equalTo(winner))
                    .body("items.find { it.id == '" + winner + "' }.supersededBy", nullValue())
                    .body("items.find { it.id == '" + winner + "' }.correctsId", equalTo(original));
            given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, original)
                    .then().statusCode(200)
                    .body("supersededBy", equalTo(winner));
        } finally {
            phones.shutdownNow();
        }
    }

    /** A correction of a correction is fine; the chain's figures count its last log only. */
    @Test
    void aCorrectionChainCountsItsLastLogOnce() {
        String original = logSession(token, patient, session("2026-03-18T09:00:00Z", 3, 4, done(program.item(0))));
        Map<String, Object> first = session("2026-03-18T09:00:00Z", 3, 5, done(program.item(0)));
        first.put("correctsId", original);
        String correction = logSession(token, patient, first);
        Map<String, Object> second = session("2026-03-18T09:00:00Z", 3, 6, done(program.item(0)));
        second.put("correctsId", correction);
        String last = logSession(token, patient, second);
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.findAll { it.supersededBy == null }.id", contains(last))
                .body("items.find { it.id == '" + correction + "' }.supersededBy", equalTo(last));
        given().auth().oauth2(token).queryParam("weeks", 1).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("sessionsDone", equalTo(1))
                .body("byWeek[0].painAfter", equalTo(6.0f));
    }

    @Test
    void aCorrectedTimeIsTheLastSessionNotTheOriginalOne() {
        String original = logSession(token, patient, session("2026-03-18T09:00:00Z", 3, 4, done(program.item(0))));
        Map<String, Object> fixed = session("2026-03-17T19:00:00Z", 3, 4, done(program.item(0)));
        fixed.put("correctsId", original);
        logSession(token, patient, fixed);
        given().auth().oauth2(token).queryParam("weeks", 1).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("sessionsDone", equalTo(1))
                .body("lastSessionAt", equalTo("2026-03-17T19:00:00Z"));
    }

    @Test
    void onlyTheSamePatientsSessionsCanBeCorrected() {
        String other = registerPatient(clinic, "Yan Other");
        Program theirs = startProgram(clinic, other, 3, null, CIRCLES);
        String theirSession = logSession(clinic.patient(other), other, session(MORNING, 3, 2, done(theirs.item(0))));
        Map<String, Object> body = session(MORNING, 3, 2, done(program.item(0)));
        body.put("correctsId", theirSession);
        assertRefused(UUID.randomUUID().toString(), body, "correctsId");
        body.put("correctsId", UUID.randomUUID().toString());
        assertRefused(UUID.randomUUID().toString(), body, "correctsId");
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void anUnreadableSessionIsAProblem() {
        given().auth().oauth2(token).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, "k-1")
                .body("{\"performedAt\": \"soon\", \"painBefore\": 1, \"painAfter\": 1, \"items\": []}")
                .when().post("/patients/{id}/sessions", patient)
                .then().spec(invalid("performedAt"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, "k-1")
                .body("{\"performedAt\": ")
                .when().post("/patients/{id}/sessions", patient)
                .then().spec(problem(400, "unreadable-body"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, "k-1")
                .body(session(MORNING, 3, 2, done(program.item(0))))
                .when().post("/patients/{id}/sessions", "not-a-uuid")
                .then().spec(problem(404, "not-found"));
    }

    private void assertRefused(String key, Map<String, Object> body, String field) {
        postSession(token, patient, key, body).spec(invalid(field));
    }
}
