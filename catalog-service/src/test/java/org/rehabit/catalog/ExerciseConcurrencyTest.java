package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.update;
import static org.rehabit.catalog.CatalogFixtures.wordOf;

/** Two editors at once: If-Match keeps edits from being lost, ETags let readers revalidate, slugs stay unique. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseConcurrencyTest {

    @Test
    void anEditWithoutIfMatchIsRefused() {
        String slug = uniqueSlug("concurrency-no-if-match");
        Map<String, Object> original = exercise(slug);
        create(original);

        Map<String, Object> edited = exercise(slug);
        edited.put("summary", "Written blind.");
        given().contentType(ContentType.JSON).body(edited)
                .when().put("/exercises/{slug}", slug)
                .then().spec(problem(428, "precondition-required"));

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("summary", equalTo(original.get("summary")));
    }

    @Test
    void anEditFromAStaleCopyIsRefusedAndChangesNothing() {
        String slug = uniqueSlug("concurrency-stale-edit");
        String first = create(exercise(slug));
        Map<String, Object> winner = exercise(slug);
        winner.put("summary", "The first editor's summary.");
        update(slug, first, winner);

        Map<String, Object> loser = exercise(slug);
        loser.put("summary", "The second editor's summary, from an old copy.");
        given().contentType(ContentType.JSON).header("If-Match", first).body(loser)
                .when().put("/exercises/{slug}", slug)
                .then().spec(problem(412, "stale-revision"));

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("summary", equalTo("The first editor's summary."));
    }

    @Test
    void publishingFromAStaleCopyIsRefused() {
        String slug = uniqueSlug("concurrency-stale-publish");
        String first = create(exercise(slug));
        update(slug, first, exercise(slug));

        given().header("If-Match", first)
                .when().post("/exercises/{slug}/publish", slug)
                .then().spec(problem(412, "stale-revision"));

        given().when().get("/exercises/{slug}", slug).then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/draft", slug).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void retiringFromAStaleCopyIsRefused() {
        String slug = uniqueSlug("concurrency-stale-retire");
        String draftEtag = create(exercise(slug));
        CatalogFixtures.publish(slug);

        given().header("If-Match", draftEtag)
                .when().post("/exercises/{slug}/retire", slug)
                .then().spec(problem(412, "stale-revision"));

        given().when().get("/exercises/{slug}", slug).then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aReaderWithTheCurrentEtagIsToldNothingChanged() {
        String slug = uniqueSlug("concurrency-revalidate");
        String published = createPublished(exercise(slug));
        String etag = given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200).header("ETag", equalTo(published))
                .extract().header("ETag");

        given().header("If-None-Match", etag)
                .when().get("/exercises/{slug}", slug)
                .then().statusCode(304)
                .header("ETag", equalTo(etag))
                .body(emptyString());

        // once the exercise moves on, the old ETag no longer matches and the reader gets the content again
        String edited = update(slug, etag, exercise(slug));
        given().header("If-None-Match", etag)
                .when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .header("ETag", equalTo(edited))
                .body("version", equalTo(1));
    }

    @Test
    void aSecondExerciseWithTheSameSlugIsAConflict() {
        String slug = uniqueSlug("concurrency-duplicate");
        Map<String, Object> original = exercise(slug);
        create(original);

        Map<String, Object> duplicate = exercise(slug);
        duplicate.put("name", "Someone else's exercise");
        given().contentType(ContentType.JSON).body(duplicate)
                .when().post("/exercises")
                .then().spec(problem(409, "conflict"));

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("name", equalTo(original.get("name")));
    }
}
