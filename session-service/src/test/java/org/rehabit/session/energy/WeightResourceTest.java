package org.rehabit.session.energy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Tokens;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.energy.Fixtures.ABSENT;
import static org.rehabit.session.energy.Fixtures.profile;

/** Weight entries through the HTTP API: one per day, units as entered, the trend toward the goal, tenancy. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class WeightResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ZONE = "Europe/Berlin";

    private final UUID clinic = UUID.randomUUID();
    private final String physio = Tokens.physio(clinic);

    @Test
    void aWeightInPoundsIsKeptInPoundsAndShownInKilogramsToo() {
        UUID patient = Fixtures.patient(physio, ZONE);
        String token = Tokens.patient(clinic, patient);
        String day = today().minusDays(4).toString();
        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"measuredOn\": \"" + day + "\", \"weight\": {\"lb\": 180.40}}")
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(201)
                .body("measuredOn", equalTo(day))
                .body("weight", not(hasKey("kg")))
                // 180.40 lb × 0.45359237 = 81.828063548 kg
                .body("kg", equalTo(81.83f))
                .body("recordedBy", equalTo("patient-" + patient))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location"), endsWith("/patients/" + patient + "/weights/" + id));
        assertThat(created.asString(), containsString("\"weight\":{\"lb\":180.40}"));

        String read = given().auth().oauth2(physio)
                .when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .extract().asString();
        assertThat(read, containsString("\"weight\":{\"lb\":180.40}"));
    }

    @Test
    void oneEntryPerDay() {
        UUID patient = Fixtures.patient(physio, ZONE);
        String day = today().toString();
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", day, "weight", Map.of("kg", 70)))
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(201);
        given().auth().oauth2(Tokens.patient(clinic, patient)).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", day, "weight", Map.of("lb", 155)))
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString(day));
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].weight.kg", equalTo(70));
    }

    @Test
    void historyIsOldestFirstWithATrendTowardTheGoal() {
        UUID patient = Fixtures.patient(physio, ZONE);
        String token = Tokens.patient(clinic, patient);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(profile(Map.of("goal", "LOSE_1")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        LocalDate start = today().minusDays(20);
        // posted out of order, and in both units
        record(token, patient, start.plusDays(11), Map.of("kg", 81));
        record(token, patient, start, Map.of("kg", 75));
        record(token, patient, start.plusDays(4), Map.of("lb", 180));

        // the last two, a week apart: 180 lb = 81.6466266 kg, then 81 kg → −0.6466266 kg/week → losing: on track
        given().auth().oauth2(token)
                .queryParam("from", start.plusDays(1).toString())
                .queryParam("to", start.plusDays(11).toString())
                .when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("from", equalTo(start.plusDays(1).toString()))
                .body("entries.measuredOn", equalTo(List.of(start.plusDays(4).toString(),
                        start.plusDays(11).toString())))
                .body("entries[0].weight.lb", equalTo(180))
                .body("entries[0].kg", equalTo(81.65f))
                .body("entries[1].weight.kg", equalTo(81))
                .body("trend.slopeKgPerWeek", equalTo(-0.647f))
                .body("trend.goal", equalTo("LOSE_1"))
                .body("trend.direction", equalTo("LOSE"))
                .body("trend.rateLbPerWeek", equalTo(1))
                .body("trend.rateKgPerWeek", equalTo(0.454f))
                .body("trend.onTrack", equalTo(true));

        // all three (days 0, 4, 11; 75, 81.6466266, 81 kg): the fit rises by 3.314 kg/week → not on track
        //   n·Σxy − Σx·Σy = 3 × 1217.5865064 − 15 × 237.6466266 = 88.0601202; n·Σx² − (Σx)² = 411 − 225 = 186
        //   88.0601202 / 186 × 7 = 3.31409…
        given().auth().oauth2(token)
                .when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("from", nullValue())
                .body("entries.measuredOn", equalTo(List.of(start.toString(), start.plusDays(4).toString(),
                        start.plusDays(11).toString())))
                .body("trend.slopeKgPerWeek", equalTo(3.314f))
                .body("trend.onTrack", equalTo(false));
    }

    @Test
    void aTrendNeedsTwoEntriesAndAGoalNeedsAProfile() {
        UUID patient = Fixtures.patient(physio, ZONE);
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("entries", hasSize(0))
                .body("trend.slopeKgPerWeek", nullValue())
                .body("trend.onTrack", nullValue());
        record(physio, patient, today().minusDays(7), Map.of("kg", 80));
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("entries", hasSize(1))
                .body("trend.slopeKgPerWeek", nullValue());
        record(physio, patient, today(), Map.of("kg", 80.5));
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("trend.slopeKgPerWeek", equalTo(0.5f))
                .body("trend.goal", nullValue())
                .body("trend.direction", nullValue())
                .body("trend.onTrack", nullValue());

        given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(Map.of("goal", "MAINTAIN")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        // +0.5 kg a week is more than the 0.5 lb (0.227 kg) a week that still counts as maintaining
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200)
                .body("trend.direction", equalTo("MAINTAIN"))
                .body("trend.rateLbPerWeek", equalTo(0))
                .body("trend.onTrack", equalTo(false));
    }

    @Test
    void theFutureIsJudgedOnThePatientsCalendar() {
        // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC−11)
        String kiritimatiToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString();
        UUID east = Fixtures.patient(physio, "Pacific/Kiritimati");
        UUID west = Fixtures.patient(physio, "Pacific/Pago_Pago");
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", kiritimatiToday, "weight", Map.of("kg", 70)))
                .when().post("/patients/{id}/weights", east)
                .then().statusCode(201);
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", kiritimatiToday, "weight", Map.of("kg", 70)))
                .when().post("/patients/{id}/weights", west)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("measuredOn")))
                .body("errors[0].message", containsString("future"));
    }

    static Stream<Arguments> impossibleWeights() {
        return Stream.of(
                Arguments.of("2,000 lb", Map.of("weight", Map.of("lb", 2000)), "weight.lb"),
                Arguments.of("below 20 kg", Map.of("weight", Map.of("kg", 19.99)), "weight.kg"),
                Arguments.of("zero", Map.of("weight", Map.of("kg", 0)), "weight.kg"),
                Arguments.of("two units", Map.of("weight", Map.of("kg", 70, "lb", 154)), "weight"),
                Arguments.of("no unit", Map.of("weight", Map.of()), "weight"),
                Arguments.of("too many decimals", Map.of("weight", Map.of("lb", 150.125)), "weight.lb"),
                Arguments.of("no weight", Map.of("weight", ABSENT), "weight"),
                Arguments.of("no day", Map.of("measuredOn", ABSENT), "measuredOn"),
                Arguments.of("tomorrow", Map.of("measuredOn", LocalDate.now(ZoneId.of(ZONE)).plusDays(1).toString()),
                        "measuredOn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleWeights")
    void impossibleWeightsAreRefusedFieldByField(String why, Map<String, Object> change, String field) {
        UUID patient = Fixtures.patient(physio, ZONE);
        Map<String, Object> body = new HashMap<>(Map.of("measuredOn", today().toString(),
                "weight", Map.of("kg", 70)));
        change.forEach((k, v) -> {
            if (v == ABSENT) {
                body.remove(k);
            } else {
                body.put(k, v);
            }
        });
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field));
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void aWindowMustBeTwoDaysInOrder() {
        UUID patient = Fixtures.patient(physio, ZONE);
        given().auth().oauth2(physio).queryParam("from", "2026-11-10").queryParam("to", "2026-11-01")
                .when().get("/patients/{id}/weights", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(physio).queryParam("from", "last week")
                .when().get("/patients/{id}/weights", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
    }

    @Test
    void aNumberWithAnExponentReadsBackAsPlainDigits() {
        UUID patient = Fixtures.patient(physio, ZONE);
        String created = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body("{\"measuredOn\": \"" + today() + "\", \"weight\": {\"kg\": 1E2}}")
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(201).extract().asString();
        assertThat(created, containsString("\"weight\":{\"kg\":100}"));
    }

    @Test
    void aPatientReachesOnlyTheirOwnWeights() {
        UUID me = Fixtures.patient(physio, ZONE);
        UUID other = Fixtures.patient(physio, ZONE);
        String otherEntry = record(physio, other, today(), Map.of("kg", 90));
        String myToken = Tokens.patient(clinic, me);
        record(myToken, me, today(), Map.of("kg", 60));
        given().auth().oauth2(myToken).when().get("/patients/{id}/weights", me)
                .then().statusCode(200).body("entries", hasSize(1));

        given().auth().oauth2(myToken).when().get("/patients/{id}/weights", other)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(myToken).when().get("/patients/{id}/weights/{e}", other, otherEntry)
                .then().statusCode(404);
        // nor someone else's entry under their own id
        given().auth().oauth2(myToken).when().get("/patients/{id}/weights/{e}", me, otherEntry)
                .then().statusCode(404);
        given().auth().oauth2(myToken).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", today().minusDays(1).toString(), "weight", Map.of("kg", 91)))
                .when().post("/patients/{id}/weights", other)
                .then().statusCode(404);
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", other)
                .then().statusCode(200).body("entries", hasSize(1));
    }

    @Test
    void anotherClinicSeesNothing() {
        UUID patient = Fixtures.patient(physio, ZONE);
        String entry = record(physio, patient, today(), Map.of("kg", 70));
        String stranger = Tokens.physio(UUID.randomUUID());
        given().auth().oauth2(stranger).when().get("/patients/{id}/weights", patient)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(stranger).when().get("/patients/{id}/weights/{e}", patient, entry)
                .then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", today().minusDays(1).toString(), "weight", Map.of("kg", 71)))
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(physio).when().get("/patients/{id}/weights", patient)
                .then().statusCode(200).body("entries", hasSize(1));
    }

    @Test
    void contentEditorsAreForbiddenAndAnonymousCallersUnauthenticated() {
        UUID patient = Fixtures.patient(physio, ZONE);
        Map<String, Object> body = Map.of("measuredOn", today().toString(), "weight", Map.of("kg", 70));
        given().auth().oauth2(Tokens.editor(clinic)).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.editor(clinic)).when().get("/patients/{id}/weights", patient)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(401).contentType(PROBLEM);
        given().when().get("/patients/{id}/weights", patient).then().statusCode(401);
    }

    private String record(String token, UUID patient, LocalDate day, Map<String, Object> weight) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", day.toString(), "weight", weight))
                .when().post("/patients/{id}/weights", patient)
                .then().statusCode(201).extract().path("id");
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of(ZONE));
    }
}
