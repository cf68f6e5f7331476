package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.devtools.PostgresTestResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.rehabit.catalog.CatalogFixtures.PROBLEM_JSON;
import static org.rehabit.catalog.CatalogFixtures.assertNotStored;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.dose;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.rehabit.catalog.CatalogFixtures.step;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;

/** Bad exercise input is refused with a 400 problem naming the offending field, and nothing is stored. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseValidationTest {

    /** One way of spoiling a valid exercise, and the field the problem must name. */
    record Spoiled(String description, Consumer<Map<String, Object>> change, String field) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Spoiled> spoiledExercises() {
        return Stream.of(
                new Spoiled("missing slug", e -> e.remove("slug"), "slug"),
                new Spoiled("bad slug", e -> e.put("slug", "Bad Slug!"), "slug"),
                new Spoiled("missing name", e -> e.remove("name"), "name"),
                new Spoiled("blank summary", e -> e.put("summary", "   "), "summary"),
                new Spoiled("unknown category", e -> e.put("category", "YOGA"), "category"),
                new Spoiled("unknown body region in the list",
                        e -> e.put("bodyRegions", List.of("SHOULDER", "ELBOWS")), "bodyRegions[1]"),
                new Spoiled("no body regions", e -> e.put("bodyRegions", List.of()), "bodyRegions"),
                new Spoiled("unknown start position", e -> e.put("startPosition", "HANDSTAND"), "startPosition"),
                new Spoiled("misspelt field", e -> dose(e).put("holdSecond", 5), "defaultDose.holdSecond"),
                new Spoiled("difficulty 4", e -> e.put("difficulty", 4), "difficulty"),
                new Spoiled("difficulty 0", e -> e.put("difficulty", 0), "difficulty"),
                new Spoiled("difficulty not a number", e -> e.put("difficulty", "hard"), "difficulty"),
                new Spoiled("dose side missing", e -> dose(e).remove("side"), "defaultDose.side"),
                new Spoiled("dose with zero sets", e -> dose(e).put("sets", 0), "defaultDose.sets"),
                new Spoiled("dose missing", e -> e.remove("defaultDose"), "defaultDose"),
                new Spoiled("one step only",
                        e -> e.put("steps", List.of(step("MOVE", "Just do it."))), "steps"),
                new Spoiled("invalid step role",
                        e -> e.put("steps", List.of(step("SETUP", "Stand."), step("JUMP", "Jump."))), "steps[1].role"),
                new Spoiled("blank step instruction",
                        e -> e.put("steps", List.of(step("SETUP", "Stand."), step("MOVE", ""))),
                        "steps[1].instruction"),
                new Spoiled("no stop rules", e -> e.put("stopRules", List.of()), "stopRules"),
                new Spoiled("unknown condition",
                        e -> e.put("conditions", List.of("no-such-condition")), "conditions[0]"),
                new Spoiled("media URL that is not http(s)", e -> e.put("media", List.of(Map.of(
                        "type", "IMAGE", "url", "ftp://example.org/a.png", "altText", "A person stretching"))),
                        "media[0].url"),
                new Spoiled("media without alt text", e -> e.put("media", List.of(Map.of(
                        "type", "VIDEO", "url", "https://example.org/a.mp4", "altText", ""))), "media[0].altText"),
                new Spoiled("equipment that is not a name",
                        e -> e.put("equipment", List.of("Resistance Band!")), "equipment[0]"),
                new Spoiled("source URL that is not http(s)", e -> e.put("source", Map.of(
                        "title", "A book", "url", "javascript:alert(1)")), "source.url"),
                new Spoiled("missing licence", e -> e.remove("licence"), "licence"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledExercises")
    void aSpoiledExerciseIsRefusedWithTheFieldNamed(Spoiled spoiled) {
        String slug = uniqueSlug("validation");
        Map<String, Object> body = exercise(slug);
        spoiled.change().accept(body);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().spec(invalid(spoiled.field()));

        assertNotStored(slug);
    }

    @Test
    void aDoseMustSayHowMuch() {
        String slug = uniqueSlug("validation-dose");
        Map<String, Object> body = exercise(slug);
        dose(body).remove("reps");

        given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().spec(problem(400, "validation"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("defaultDose"))
                .body("errors[0].message", equalTo("must give reps, holdSeconds or durationSeconds"));

        assertNotStored(slug);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        String slug = uniqueSlug("validation-many");
        Map<String, Object> body = exercise(slug);
        body.remove("name");
        body.put("difficulty", 4);
        body.put("stopRules", new ArrayList<>());

        given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().spec(invalid("name", "difficulty", "stopRules"))
                .body("errors", hasSize(3));

        assertNotStored(slug);
    }

    @Test
    void malformedJsonIsAnUnreadableBody() {
        String slug = uniqueSlug("validation-malformed");
        given().contentType(ContentType.JSON).body("{\"slug\": \"" + slug + "\", \"name\": ")
                .when().post("/exercises")
                .then().spec(problem(400, "unreadable-body"));

        assertNotStored(slug);
    }

    @Test
    void aCreateOrEditWithoutABodyIsRefused() {
        given().contentType(ContentType.JSON)
                .when().post("/exercises")
                .then().spec(invalid("body"))
                .body("errors", hasSize(1));

        String slug = uniqueSlug("validation-no-body");
        String etag = create(exercise(slug));
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .when().put("/exercises/{slug}", slug)
                .then().spec(invalid("body"));
        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("name", equalTo(exercise(slug).get("name")));
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        String slug = uniqueSlug("validation-text");
        given().contentType(ContentType.TEXT).body("slug=" + slug)
                .when().post("/exercises")
                .then().spec(problem(415, "unsupported-media-type"));

        assertNotStored(slug);
    }

    /** Whatever shape of JSON arrives, the answer is a 400 problem, never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "\"an exercise\"", "42", "true", "null", "{}",
            "{\"name\": {}}", "{\"steps\": \"one\"}", "{\"bodyRegions\": \"NECK\"}", "{\"defaultDose\": []}",
            "{\"steps\": [null, null]}", "{\"conditions\": [null]}", "{\"difficulty\": 99999999999999}"})
    void oddJsonIsABadRequestNeverAServerError(String json) {
        given().contentType(ContentType.JSON).body(json)
                .when().post("/exercises")
                .then().statusCode(400)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("type", startsWith(CatalogFixtures.PROBLEM_TYPE));
    }

    @Test
    void anEditMayNotChangeTheSlug() {
        String slug = uniqueSlug("validation-rename");
        String etag = create(exercise(slug));

        Map<String, Object> renamed = exercise(uniqueSlug("validation-renamed"));
        given().contentType(ContentType.JSON).header("If-Match", etag).body(renamed)
                .when().put("/exercises/{slug}", slug)
                .then().spec(invalid("slug"));

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("slug", equalTo(slug));
        assertNotStored((String) renamed.get("slug"));
    }

    @Test
    void anInvalidEditChangesNothing() {
        String slug = uniqueSlug("validation-edit");
        Map<String, Object> original = exercise(slug);
        String etag = create(original);

        Map<String, Object> edited = exercise(slug);
        edited.remove("slug");
        edited.put("summary", "A new summary that must not be stored.");
        edited.put("conditions", List.of("mechanical-neck-pain", "made-up-condition"));
        given().contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .when().put("/exercises/{slug}", slug)
                .then().spec(invalid("conditions[1]"))
                .body("errors.field", contains("conditions[1]"));

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200)
                .body("summary", equalTo(original.get("summary")))
                .body("conditions", empty());
    }
}
