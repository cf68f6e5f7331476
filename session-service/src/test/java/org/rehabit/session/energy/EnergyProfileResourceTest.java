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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rehabit.session.energy.Fixtures.ABSENT;
import static org.rehabit.session.energy.Fixtures.profile;

/** Energy profiles and targets through the HTTP API: units round-trip, the formula, validation and tenancy. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class EnergyProfileResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private final UUID clinic = UUID.randomUUID();
    private final String physio = Tokens.physio(clinic);

    @Test
    void patientEntersFeetInchesAndPoundsAndReadsThemBackWithTheSameDigits() {
        UUID patient = Fixtures.patient(physio, "Europe/London");
        String token = Tokens.patient(clinic, patient);
        String body = """
                {"sex": "FEMALE", "age": 41, "height": {"feet": 5, "inches": 7.50}, "weight": {"lb": 155},
                 "activityLevel": "LIGHT", "goal": "LOSE_0_5"}""";
        String put = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("patientId", equalTo(patient.toString()))
                .body("height", not(hasKey("cm")))
                .body("weight", not(hasKey("kg")))
                .body("dateOfBirth", nullValue())
                .extract().asString();
        String get = given().auth().oauth2(token)
                .when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("sex", equalTo("FEMALE"))
                .body("age", equalTo(41))
                .body("activityLevel", equalTo("LIGHT"))
                .body("goal", equalTo("LOSE_0_5"))
                .extract().asString();
        for (String read : new String[] {put, get}) {
            // the digits as entered: 7.50 stays 7.50, 155 stays 155 (not 155.0, not 70.3068... kg)
            assertThat(read, containsString("\"height\":{\"feet\":5,\"inches\":7.50}"));
            assertThat(read, containsString("\"weight\":{\"lb\":155}"));
        }
    }

    @Test
    void centimetresAndKilogramsRoundTripToo() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        String read = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body("""
                        {"sex": "MALE", "dateOfBirth": "1980-05-17", "height": {"cm": 170.2},
                         "weight": {"kg": 70.30}, "activityLevel": "ACTIVE", "goal": "MAINTAIN"}""")
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200)
                .body("dateOfBirth", equalTo("1980-05-17"))
                .body("age", nullValue())
                .extract().asString();
        assertThat(read, containsString("\"height\":{\"cm\":170.2}"));
        assertThat(read, containsString("\"weight\":{\"kg\":70.30}"));
    }

    @Test
    void targetOfTheWorkedImperialExample() {
        UUID patient = Fixtures.patient(physio, "America/Chicago");
        String token = Tokens.patient(clinic, patient);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        // 30-year-old woman, 5 ft 6 in, 150 lb, MODERATE, LOSE_1 (EnergyMathTest shows the arithmetic)
        given().auth().oauth2(token)
                .when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(200)
                .body("sex", equalTo("FEMALE"))
                .body("age", equalTo(30))
                .body("heightCm", equalTo(167.64f))
                .body("weightKg", equalTo(68.04f))
                .body("restingKcal", equalTo(1417))
                .body("activityFactor", equalTo(1.55f))
                .body("maintenanceKcal", equalTo(2197))
                .body("goalAdjustmentKcal", equalTo(-500))
                .body("targetKcal", equalTo(1697))
                .body("floorKcal", equalTo(1200))
                .body("raisedToFloor", equalTo(false));
    }

    @Test
    void targetOfTheWorkedMetricExample() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body("""
                        {"sex": "MALE", "age": 45, "height": {"cm": 180.5}, "weight": {"kg": 82.4},
                         "activityLevel": "SEDENTARY", "goal": "GAIN_0_5"}""")
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.admin(clinic))
                .when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(200)
                .body("restingKcal", equalTo(1732))
                .body("activityFactor", equalTo(1.2f))
                .body("maintenanceKcal", equalTo(2079))
                .body("goalAdjustmentKcal", equalTo(250))
                .body("targetKcal", equalTo(2329))
                .body("floorKcal", equalTo(1500))
                .body("raisedToFloor", equalTo(false));
    }

    @Test
    void aTargetBelowTheFloorIsRaisedAndFlagged() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        // 70-year-old woman, 4 ft 11 in, 95 lb, SEDENTARY, LOSE_2: 1027.85 − 1000 = 27.85 kcal → 1200
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(profile(Map.of("age", 70, "height", Map.of("feet", 4, "inches", 11),
                        "weight", Map.of("lb", 95), "activityLevel", "SEDENTARY", "goal", "LOSE_2")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        given().auth().oauth2(physio)
                .when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(200)
                .body("maintenanceKcal", equalTo(1028))
                .body("goalAdjustmentKcal", equalTo(-1000))
                .body("targetKcal", equalTo(1200))
                .body("floorKcal", equalTo(1200))
                .body("raisedToFloor", equalTo(true));

        // the same numbers for a man of 60, 165 cm, 60 kg losing 0.5 lb: 1353.5 kcal → the men's floor of 1500
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(profile(Map.of("sex", "MALE", "age", 60, "height", Map.of("cm", 165),
                        "weight", Map.of("kg", 60), "activityLevel", "SEDENTARY", "goal", "LOSE_0_5")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        given().auth().oauth2(physio)
                .when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(200)
                .body("maintenanceKcal", equalTo(1604))
                .body("targetKcal", equalTo(1500))
                .body("floorKcal", equalTo(1500))
                .body("raisedToFloor", equalTo(true));
    }

    @Test
    void ageFromTheDateOfBirthIsCountedInThePatientsTimeZone() {
        // Kiritimati (UTC+14) and Pago Pago (UTC−11) are 25 hours apart: at every instant Kiritimati's date is at
        // least a day ahead. Born exactly 30 years before Kiritimati's today, a patient there is 30 today while
        // one in Pago Pago is still 29.
        // (On a 29 February in Kiritimati the birthday would fall on the 28th and both would be 30.)
        LocalDate kiritimatiToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        Map<String, Object> body = profile(Map.of("age", ABSENT,
                "dateOfBirth", kiritimatiToday.minusYears(30).toString()));
        UUID east = Fixtures.patient(physio, "Pacific/Kiritimati");
        UUID west = Fixtures.patient(physio, "Pacific/Pago_Pago");
        for (UUID patient : new UUID[] {east, west}) {
            given().auth().oauth2(physio).contentType(ContentType.JSON).body(body)
                    .when().put("/patients/{id}/energy-profile", patient)
                    .then().statusCode(200);
        }
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-target", east)
                .then().statusCode(200).body("age", equalTo(30));
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-target", west)
                .then().statusCode(200).body("age", equalTo(29));
    }

    @Test
    void aDateOfBirthInThePatientsFutureIsRefused() {
        // today in Kiritimati (UTC+14) is always at least tomorrow in Pago Pago (UTC−11)
        UUID west = Fixtures.patient(physio, "Pacific/Pago_Pago");
        LocalDate kiritimatiToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(profile(Map.of("age", ABSENT, "dateOfBirth", kiritimatiToday.toString())))
                .when().put("/patients/{id}/energy-profile", west)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("dateOfBirth")))
                .body("errors[0].message", containsString("future"));
    }

    @Test
    void aNewProfileReplacesTheOldOneAndIfMatchGuardsAgainstLostUpdates() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        String first = given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200).extract().header("ETag");
        String second = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .header("If-Match", first)
                .body(profile(Map.of("height", Map.of("cm", 168), "weight", Map.of("kg", 66))))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200)
                .body("height.cm", equalTo(168))
                .body("height", not(hasKey("feet")))
                .body("weight.kg", equalTo(66))
                .body("weight", not(hasKey("lb")))
                .extract().header("ETag");
        assertNotEquals(first, second);

        // someone who read the first version cannot overwrite the second
        given().auth().oauth2(Tokens.admin(clinic)).contentType(ContentType.JSON)
                .header("If-Match", first)
                .body(profile(Map.of("goal", "GAIN_2")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(physio)
                .when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(200)
                .header("ETag", equalTo(second))
                .body("goal", equalTo("LOSE_1"))
                .body("weight.kg", equalTo(66));
    }

    @Test
    void ifMatchOnAProfileThatDoesNotExistFails() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(412).contentType(PROBLEM);
    }

    static Stream<Arguments> impossibleProfiles() {
        String future = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(2).toString();
        String tenYearsAgo = LocalDate.now(ZoneId.of("Europe/Berlin")).minusYears(10).toString();
        return Stream.of(
                Arguments.of("height 0", Map.of("height", Map.of("cm", 0)), "height.cm"),
                Arguments.of("height below 50 cm", Map.of("height", Map.of("cm", 49.9)), "height.cm"),
                Arguments.of("height above 272 cm", Map.of("height", Map.of("cm", 272.01)), "height.cm"),
                Arguments.of("height negative", Map.of("height", Map.of("cm", -170)), "height.cm"),
                Arguments.of("9 ft is above 272 cm", Map.of("height", Map.of("feet", 9, "inches", 0)), "height"),
                Arguments.of("1 ft 6 in is below 50 cm", Map.of("height", Map.of("feet", 1, "inches", 6)),
                        "height"),
                Arguments.of("inches of 12", Map.of("height", Map.of("feet", 5, "inches", 12)), "height.inches"),
                Arguments.of("negative inches", Map.of("height", Map.of("feet", 5, "inches", -1)), "height.inches"),
                Arguments.of("fractional feet", Map.of("height", Map.of("feet", 5.5, "inches", 0)), "height.feet"),
                Arguments.of("feet without inches", Map.of("height", Map.of("feet", 5)), "height.inches"),
                Arguments.of("inches without feet", Map.of("height", Map.of("inches", 7)), "height.feet"),
                Arguments.of("two height units", Map.of("height", Map.of("cm", 170, "feet", 5, "inches", 7)),
                        "height"),
                Arguments.of("no height unit", Map.of("height", Map.of()), "height"),
                Arguments.of("unknown height unit", Map.of("height", Map.of("m", 1.7)), "height"),
                Arguments.of("too many decimals", Map.of("height", Map.of("cm", 170.123)), "height.cm"),
                Arguments.of("no height", Map.of("height", ABSENT), "height"),
                Arguments.of("weight below 20 kg", Map.of("weight", Map.of("kg", 19.99)), "weight.kg"),
                Arguments.of("weight above 400 kg", Map.of("weight", Map.of("kg", 400.01)), "weight.kg"),
                Arguments.of("2,000 lb", Map.of("weight", Map.of("lb", 2000)), "weight.lb"),
                Arguments.of("40 lb", Map.of("weight", Map.of("lb", 40)), "weight.lb"),
                Arguments.of("two weight units", Map.of("weight", Map.of("kg", 70, "lb", 154)), "weight"),
                Arguments.of("no weight unit", Map.of("weight", Map.of()), "weight"),
                Arguments.of("no weight", Map.of("weight", ABSENT), "weight"),
                Arguments.of("age 3", Map.of("age", 3), "age"),
                Arguments.of("age 121", Map.of("age", 121), "age"),
                Arguments.of("fractional age", Map.of("age", 30.5), "age"),
                Arguments.of("neither age nor date of birth", Map.of("age", ABSENT), "age"),
                Arguments.of("both age and date of birth", Map.of("dateOfBirth", "1990-01-01"), "age"),
                Arguments.of("date of birth in the future", Map.of("age", ABSENT, "dateOfBirth", future),
                        "dateOfBirth"),
                Arguments.of("date of birth of a 10-year-old", Map.of("age", ABSENT, "dateOfBirth", tenYearsAgo),
                        "dateOfBirth"),
                Arguments.of("no sex", Map.of("sex", ABSENT), "sex"),
                Arguments.of("unknown sex", Map.of("sex", "OTHER"), "sex"),
                Arguments.of("unknown activity level", Map.of("activityLevel", "COUCH"), "activityLevel"),
                Arguments.of("no activity level", Map.of("activityLevel", ABSENT), "activityLevel"),
                Arguments.of("unknown goal", Map.of("goal", "LOSE_3"), "goal"),
                Arguments.of("no goal", Map.of("goal", ABSENT), "goal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleProfiles")
    void impossibleProfilesAreRefusedFieldByField(String why, Map<String, Object> change, String field) {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(new HashMap<>(change)))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors", hasSize(1))
                .body("errors.field", hasItem(field))
                .body("errors[0].message", notNullValue());
        given().auth().oauth2(physio)
                .when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(404);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(profile(Map.of("height", Map.of("cm", 20), "weight", Map.of("lb", 2000))))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("height.cm", "weight.lb")));
    }

    @Test
    void withoutAProfileThereIsNothingToReadOrCompute() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("no energy profile"));
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("no energy profile"));
    }

    @Test
    void aPatientReachesOnlyTheirOwnProfile() {
        UUID me = Fixtures.patient(physio, "Europe/Berlin");
        UUID other = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", other)
                .then().statusCode(200);
        String myToken = Tokens.patient(clinic, me);
        given().auth().oauth2(myToken).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", me)
                .then().statusCode(200);
        given().auth().oauth2(myToken).when().get("/patients/{id}/energy-profile", me)
                .then().statusCode(200);
        given().auth().oauth2(myToken).when().get("/patients/{id}/energy-target", me)
                .then().statusCode(200);

        given().auth().oauth2(myToken).when().get("/patients/{id}/energy-profile", other)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(myToken).when().get("/patients/{id}/energy-target", other)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(myToken).contentType(ContentType.JSON).body(profile(Map.of("goal", "GAIN_2")))
                .when().put("/patients/{id}/energy-profile", other)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-profile", other)
                .then().statusCode(200).body("goal", equalTo("LOSE_1"));
    }

    @Test
    void anotherClinicSeesNothing() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(200);
        UUID otherClinic = UUID.randomUUID();
        String stranger = Tokens.physio(otherClinic);
        given().auth().oauth2(stranger).when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(stranger).when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.admin(otherClinic)).contentType(ContentType.JSON)
                .body(profile(Map.of("goal", "GAIN_2")))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(404).contentType(PROBLEM);
        // a patient token of another clinic naming this patient id reaches nothing either
        given().auth().oauth2(Tokens.patient(otherClinic, patient))
                .when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(404);
        given().auth().oauth2(physio).when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(200).body("goal", equalTo("LOSE_1"));
    }

    @Test
    void unknownPatientIsNotFound() {
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void contentEditorsAreForbiddenAndAnonymousCallersUnauthenticated() {
        UUID patient = Fixtures.patient(physio, "Europe/Berlin");
        String editor = Tokens.editor(clinic);
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(editor).when().get("/patients/{id}/energy-profile", patient)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(editor).when().get("/patients/{id}/energy-target", patient)
                .then().statusCode(403).contentType(PROBLEM);

        given().contentType(ContentType.JSON).body(profile(Map.of()))
                .when().put("/patients/{id}/energy-profile", patient)
                .then().statusCode(401).contentType(PROBLEM);
        given().when().get("/patients/{id}/energy-profile", patient).then().statusCode(401);
        given().when().get("/patients/{id}/energy-target", patient).then().statusCode(401);
    }
}
