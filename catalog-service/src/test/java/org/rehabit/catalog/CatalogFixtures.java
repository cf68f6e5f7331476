package org.rehabit.catalog;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.ResponseSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What the catalog tests share: a valid exercise body to vary, unique names (the tests share one database),
 * the authoring calls that set up a scenario, and the shape of a problem+json answer.
 */
public final class CatalogFixtures {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_TYPE = "urn:rehabit:problem:";

    private CatalogFixtures() {
    }

    /** A made-up lowercase word no seed content contains, so searching for it finds only this test's content. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** A slug no other test uses: {@code prefix-<unique word>}. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + uniqueWord();
    }

    /** The unique word of a slug made by {@link #uniqueSlug}; it is also in the name of {@link #exercise}. */
    public static String wordOf(String slug) {
        return slug.substring(slug.lastIndexOf('-') + 1);
    }

    /**
     * A valid exercise body, fully mutable (nested maps and lists too) so a test can change the one thing it
     * is about. Its name contains the slug's words, so {@code q=<wordOf(slug)>} finds it once published.
     */
    public static Map<String, Object> exercise(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", "Test exercise " + slug.replace('-', ' '));
        body.put("aliases", new ArrayList<>(List.of("Practice move")));
        body.put("summary", "A made-up exercise that the automated tests write and read back.");
        body.put("purpose", "Proves that the catalog stores what an editor writes.");
        body.put("category", "STRENGTH");
        body.put("bodyRegions", new ArrayList<>(List.of("ARM")));
        body.put("startPosition", "STANDING");
        body.put("equipment", new ArrayList<>());
        body.put("difficulty", 1);
        body.put("steps", new ArrayList<>(List.of(
                step("SETUP", "Stand tall with your arms by your sides."),
                step("MOVE", "Lift both arms slowly in front of you, then lower them."))));
        body.put("cautions", new ArrayList<>(List.of("Move slowly.")));
        body.put("stopRules", new ArrayList<>(List.of("Stop if the pain gets sharper.")));
        Map<String, Object> dose = new LinkedHashMap<>();
        dose.put("sets", 1);
        dose.put("reps", 10);
        dose.put("side", "BOTH");
        body.put("defaultDose", dose);
        body.put("conditions", new ArrayList<>());
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    public static Map<String, Object> step(String role, String instruction) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("role", role);
        step.put("instruction", instruction);
        return step;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> dose(Map<String, Object> exercise) {
        return (Map<String, Object>) exercise.get("defaultDose");
    }

    /** Creates the exercise as a draft; answers its ETag. */
    public static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().statusCode(201)
                .extract().header("ETag");
    }

    /** Writes the exercise's draft with a correct If-Match; answers the new ETag. */
    public static String update(String slug, String etag, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .when().put("/exercises/{slug}", slug)
                .then().statusCode(200)
                .extract().header("ETag");
    }

    public static String publish(String slug) {
        return given().when().post("/exercises/{slug}/publish", slug)
                .then().statusCode(200)
                .extract().header("ETag");
    }

    public static String retire(String slug) {
        return given().when().post("/exercises/{slug}/retire", slug)
                .then().statusCode(200)
                .extract().header("ETag");
    }

    /** Creates and publishes the exercise (version 1); answers its ETag. */
    public static String createPublished(Map<String, Object> body) {
        create(body);
        return publish((String) body.get("slug"));
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

    /** A 400 validation problem naming (at least) the given fields. */
    public static ResponseSpecification invalid(String... fields) {
        return new ResponseSpecBuilder()
                .addResponseSpecification(problem(400, "validation"))
                .expectBody("errors.field", hasItems(fields))
                .expectBody("errors.message", everyItem(not(blankOrNullString())))
                .build();
    }

    /** The exercise does not exist at all: a rejected create stored nothing. */
    public static void assertNotStored(String slug) {
        given().when().get("/exercises/{slug}/versions", slug)
                .then().spec(problem(404, "not-found"));
    }
}
