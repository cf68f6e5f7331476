package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.problem;

/** Conditions with their guidance and red flags, and the routine templates written for them. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ConditionAndTemplateTest {

    private static final String PINCHED_NERVE = "upper-back-pinched-nerve";
    private static final String STARTER = "upper-back-pinched-nerve-starter";
    private static final String[] ARTICLE_EXERCISES = {"shoulder-circles", "seated-spinal-twist", "back-flexion-stretch"};

    @Test
    void listsConditions() {
        given().when().get("/conditions")
                .then().statusCode(200)
                .body("slug", hasItems(PINCHED_NERVE, "mechanical-neck-pain", "non-specific-low-back-pain"))
                .body("find { it.slug == '" + PINCHED_NERVE + "' }.name", equalTo("Pinched nerve in the upper back"))
                .body("find { it.slug == '" + PINCHED_NERVE + "' }.seeDoctorFirst", equalTo(true))
                .body("find { it.slug == '" + PINCHED_NERVE + "' }.bodyRegions", contains("UPPER_BACK", "NECK"));
    }

    @Test
    void aConditionCarriesItsGuidanceRedFlagsExercisesAndStarterRoutine() {
        given().when().get("/conditions/{slug}", PINCHED_NERVE)
                .then().statusCode(200)
                .body("slug", equalTo(PINCHED_NERVE))
                .body("seeDoctorFirst", equalTo(true))
                .body("guidance", containsString("Ask your doctor before you start"))
                .body("redFlags", hasSize(8))
                .body("redFlags", hasItem(containsString("call emergency services")))
                .body("recommendedExercises.slug", hasItems(ARTICLE_EXERCISES))
                .body("recommendedExercises.slug", hasItem("chin-tuck"))
                .body("recommendedExercises.conditions", everyItem(hasItem(PINCHED_NERVE)))
                .body("recommendedExercises.slug", not(hasItem("pendulum")))
                .body("routineTemplates.slug", contains(STARTER))
                .body("routineTemplates[0].itemCount", equalTo(3));
    }

    @Test
    void anUnknownConditionIsNotFound() {
        given().when().get("/conditions/{slug}", "no-such-condition")
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void listsRoutineTemplatesAllOrForOneCondition() {
        given().when().get("/routine-templates")
                .then().statusCode(200)
                .body("slug", hasItems(STARTER, "mechanical-neck-pain-starter", "thoracic-stiffness-starter"));
        given().queryParam("condition", PINCHED_NERVE).when().get("/routine-templates")
                .then().statusCode(200)
                .body("slug", contains(STARTER))
                .body("condition", everyItem(equalTo(PINCHED_NERVE)));
        given().queryParam("condition", "no-such-condition").when().get("/routine-templates")
                .then().statusCode(200)
                .body("$", empty());
        given().queryParam("condition", "Not A Slug!").when().get("/routine-templates")
                .then().spec(invalid("condition"));
    }

    @Test
    void aRoutineTemplateListsItsExercisesInOrderWithDoses() {
        given().when().get("/routine-templates/{slug}", STARTER)
                .then().statusCode(200)
                .body("slug", equalTo(STARTER))
                .body("condition", equalTo(PINCHED_NERVE))
                .body("items.position", contains(1, 2, 3))
                .body("items.exerciseSlug", contains(ARTICLE_EXERCISES))
                .body("items.available", everyItem(equalTo(true)))
                .body("items.exercise.slug", contains(ARTICLE_EXERCISES))
                .body("items[0].exercise.name", equalTo("Shoulder Circles"))
                .body("items[0].dose.reps", equalTo(10))
                .body("items[0].dose.side", equalTo("BOTH"))
                .body("items[1].dose.holdSeconds", equalTo(5))
                .body("items[1].dose.side", equalTo("EACH_SIDE"))
                .body("items[2].dose.holdSeconds", equalTo(5))
                .body("items[2].exercise.startPosition", equalTo("SUPINE"))
                .body("items.dose.sets", everyItem(notNullValue()));
    }

    @Test
    void anUnknownRoutineTemplateIsNotFound() {
        given().when().get("/routine-templates/{slug}", "no-such-template")
                .then().spec(problem(404, "not-found"));
    }
}
