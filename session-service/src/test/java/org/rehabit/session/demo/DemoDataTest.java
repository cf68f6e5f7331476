package org.rehabit.session.demo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Tokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** The demo installation's patients exist with their programs and history, once, however often it starts. */
@QuarkusTest
@TestProfile(DemoDataTest.Enabled.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class DemoDataTest {

    /** Demo data on. */
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.demo-data.enabled", "true");
        }
    }

    @Inject
    DemoData demo;

    @Test
    void demoPatientsHaveProgramsHistoryAndAlertsAndAreAddedOnlyOnce() {
        demo.onStart(null);
        String admin = Tokens.admin(DemoData.RIVERSIDE);
        given().auth().oauth2(admin).when().get("/clinics/{c}/summary?weeks=3&sort=name", DemoData.RIVERSIDE)
                .then().statusCode(200)
                .body("total", equalTo(30))
                .body("items.displayName", hasItems("Ada L.", "Ben K.", "Amir H.", "Bruno K."))
                .body("items.find { it.displayName == 'Ben K.' }.atRisk", equalTo(true))
                .body("items.find { it.displayName == 'Ada L.' }.adherence", greaterThan(0.6f));
        // a clinic a physio reads: a handful of patients at risk, a few open alerts
        int atRisk = given().auth().oauth2(admin).when().get("/clinics/{c}/summary?atRisk=true", DemoData.RIVERSIDE)
                .then().statusCode(200).extract().path("total");
        int openAlerts = given().auth().oauth2(admin).when().get("/clinics/{c}/alerts?status=OPEN", DemoData.RIVERSIDE)
                .then().statusCode(200).extract().path("total");
        assertThat("patients at risk", atRisk, allOf(greaterThanOrEqualTo(3), lessThanOrEqualTo(6)));
        // grouped: one open alert per patient and rule (the three getting worse have pain rising; Ben also pain
        // during an exercise)
        assertThat("open alerts", openAlerts, allOf(greaterThanOrEqualTo(2), lessThanOrEqualTo(7)));
        // the web app's walk-through shows Ben's pain rise among them
        given().auth().oauth2(admin).when().get("/clinics/{c}/alerts?status=OPEN", DemoData.RIVERSIDE)
                .then().statusCode(200)
                .body("items.findAll { it.patientId == '" + DemoData.PEOPLE.get(1).id() + "' }.rule",
                        hasItems("PAIN_RISE"))
                // grouped: Ben's rises are one alert with several occurrences
                .body("items.findAll { it.patientId == '" + DemoData.PEOPLE.get(1).id()
                        + "' && it.rule == 'PAIN_RISE' }", org.hamcrest.Matchers.hasSize(1))
                .body("items.find { it.patientId == '" + DemoData.PEOPLE.get(1).id()
                        + "' && it.rule == 'PAIN_RISE' }.occurrenceCount", greaterThan(1))
                // Ben felt the twist on the right in his last week: one grouped pain-during alert
                .body("items.findAll { it.patientId == '" + DemoData.PEOPLE.get(1).id()
                        + "' && it.rule == 'PAIN_DURING' }", org.hamcrest.Matchers.hasSize(1))
                .body("items.findAll { it.rule == 'PAIN_DURING' }.size()", equalTo(1));
        // Ben's sessions are logged per side, as the player does: his right-side holds are shorter
        UUID ben = DemoData.PEOPLE.get(1).id();
        given().auth().oauth2(admin).when().get("/patients/{id}/progress?weeks=4", ben)
                .then().statusCode(200)
                .body("byExercise.find { it.exerciseSlug == 'seated-spinal-twist' }.holdDifferenceSeconds",
                        greaterThan(0f))
                .body("doseCompletion", allOf(greaterThan(0.5f), org.hamcrest.Matchers.lessThan(1f)));
        UUID ada = DemoData.PEOPLE.get(0).id();
        given().auth().oauth2(Tokens.patient(DemoData.RIVERSIDE, ada))
                .when().get("/patients/{id}/programs/current", ada)
                .then().statusCode(200).body("items[0].exerciseSlug", equalTo("shoulder-circles"))
                .body("safetyConfirmed", equalTo(true));
        given().auth().oauth2(Tokens.patient(DemoData.RIVERSIDE, ada))
                .when().get("/patients/{id}/progress?weeks=4", ada)
                .then().statusCode(200).body("sessionsDone", greaterThan(10)).body("painTrend", org.hamcrest.Matchers.lessThan(0f));
        given().auth().oauth2(Tokens.admin(DemoData.HILLVIEW)).when().get("/clinics/{c}/summary", DemoData.HILLVIEW)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].displayName", equalTo("Cleo M."));
    }
}
