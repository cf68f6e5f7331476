package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.rehabit.catalog.CatalogFixtures.publish;
import static org.rehabit.catalog.CatalogFixtures.retire;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.update;
import static org.rehabit.catalog.CatalogFixtures.wordOf;

/** Writing exercises: drafts, publishing, new versions of published content, retirement and coming back. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseAuthoringTest {

    @Test
    void createStoresADraftVersionOneThatOnlyEditorsSee() {
        String slug = uniqueSlug("authoring-create");
        Map<String, Object> body = exercise(slug);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().statusCode(201)
                .header("Location", endsWith("/exercises/" + slug + "/draft"))
                .header("ETag", notNullValue())
                .body("slug", equalTo(slug))
                .body("version", equalTo(1))
                .body("status", equalTo("DRAFT"))
                .body("current", equalTo(false))
                .body("latestVersion", equalTo(1))
                .body("name", equalTo(body.get("name")))
                .body("steps.role", contains("SETUP", "MOVE"))
                .body("defaultDose.reps", equalTo(10))
                .body("publishedAt", nullValue());

        given().when().get("/exercises/{slug}", slug)
                .then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(1))
                .body("name", equalTo(body.get("name")));
    }

    @Test
    void publishMakesTheDraftTheCurrentVersion() {
        String slug = uniqueSlug("authoring-publish");
        create(exercise(slug));

        given().when().post("/exercises/{slug}/publish", slug)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("version", equalTo(1))
                .body("status", equalTo("PUBLISHED"))
                .body("current", equalTo(true))
                .body("publishedAt", notNullValue());

        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("PUBLISHED"))
                .body("current", equalTo(true));
        given().when().get("/exercises/{slug}/draft", slug)
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void editingAPublishedExerciseStartsANewVersionAndNeverChangesTheOldOne() {
        String slug = uniqueSlug("authoring-versions");
        Map<String, Object> v1 = exercise(slug);
        String etag = createPublished(v1);

        Map<String, Object> v2 = exercise(slug);
        v2.put("name", "Renamed " + wordOf(slug));
        v2.put("summary", "The second version's summary.");
        given().contentType(ContentType.JSON).header("If-Match", etag).body(v2)
                .when().put("/exercises/{slug}", slug)
                .then().statusCode(200)
                .header("ETag", not(equalTo(etag)))
                .body("version", equalTo(2))
                .body("status", equalTo("DRAFT"))
                .body("current", equalTo(false))
                .body("name", equalTo(v2.get("name")));

        // clients keep reading version 1 until the draft is published
        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("latestVersion", equalTo(2))
                .body("name", equalTo(v1.get("name")));

        publish(slug);

        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("status", equalTo("PUBLISHED"))
                .body("name", equalTo(v2.get("name")))
                .body("summary", equalTo(v2.get("summary")));
        given().when().get("/exercises/{slug}/versions/1", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("PUBLISHED"))
                .body("current", equalTo(false))
                .body("name", equalTo(v1.get("name")))
                .body("summary", equalTo(v1.get("summary")));
        given().when().get("/exercises/{slug}/versions", slug)
                .then().statusCode(200)
                .body("version", contains(2, 1))
                .body("status", contains("PUBLISHED", "PUBLISHED"))
                .body("current", contains(true, false))
                .body("name", contains(v2.get("name"), v1.get("name")));
    }

    @Test
    void editingAnOpenDraftKeepsItsVersionNumber() {
        String slug = uniqueSlug("authoring-draft-edit");
        String etag = create(exercise(slug));

        Map<String, Object> edited = exercise(slug);
        edited.put("summary", "Edited in place.");
        update(slug, etag, edited);

        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("latestVersion", equalTo(1))
                .body("summary", equalTo("Edited in place."));
        given().when().get("/exercises/{slug}/versions", slug)
                .then().statusCode(200)
                .body("version", contains(1))
                .body("status", contains("DRAFT"));
    }

    @Test
    void publishingWithoutADraftIsAConflict() {
        String slug = uniqueSlug("authoring-no-draft");
        createPublished(exercise(slug));

        given().when().post("/exercises/{slug}/publish", slug)
                .then().spec(problem(409, "conflict"));
        given().when().get("/exercises/{slug}/versions", slug)
                .then().statusCode(200).body("version", contains(1));
    }

    @Test
    void retiringHidesAnExerciseFromSearchButKeepsItReadable() {
        String slug = uniqueSlug("authoring-retire");
        createPublished(exercise(slug));
        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(slug));

        given().when().post("/exercises/{slug}/retire", slug)
                .then().statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("retiredAt", notNullValue());

        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("RETIRED"))
                .body("retiredAt", notNullValue());
        given().when().post("/exercises/{slug}/retire", slug)
                .then().spec(problem(409, "conflict"));
    }

    @Test
    void retiringANeverPublishedExerciseIsAConflict() {
        String slug = uniqueSlug("authoring-retire-draft");
        create(exercise(slug));

        given().when().post("/exercises/{slug}/retire", slug)
                .then().spec(problem(409, "conflict"));
        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void publishingANewDraftOfARetiredExerciseBringsItBack() {
        String slug = uniqueSlug("authoring-comeback");
        createPublished(exercise(slug));
        String etag = retire(slug);

        Map<String, Object> v2 = exercise(slug);
        v2.put("summary", "Back by popular demand.");
        update(slug, etag, v2);
        // the new draft alone does not bring it back
        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(0));

        publish(slug);

        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200)
                .body("items.slug", contains(slug))
                .body("items[0].version", equalTo(2));
        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("status", equalTo("PUBLISHED"))
                .body("retiredAt", nullValue())
                .body("summary", equalTo("Back by popular demand."));
    }

    @Test
    void unknownExercisesAndVersionsAreNotFound() {
        String unknown = uniqueSlug("authoring-unknown");
        given().when().get("/exercises/{slug}", unknown).then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/draft", unknown).then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/versions", unknown).then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/versions/1", unknown).then().spec(problem(404, "not-found"));
        given().when().post("/exercises/{slug}/publish", unknown).then().spec(problem(404, "not-found"));
        given().when().post("/exercises/{slug}/retire", unknown).then().spec(problem(404, "not-found"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(exercise(unknown))
                .when().put("/exercises/{slug}", unknown)
                .then().spec(problem(404, "not-found"));
        CatalogFixtures.assertNotStored(unknown);

        String slug = uniqueSlug("authoring-versionless");
        createPublished(exercise(slug));
        given().when().get("/exercises/{slug}/versions/2", slug).then().spec(problem(404, "not-found"));
        given().when().get("/exercises/{slug}/versions/0", slug)
                .then().spec(CatalogFixtures.invalid("version"));
        given().when().get("/exercises/{slug}/versions", slug)
                .then().statusCode(200).body("version", not(hasItem(2)));
    }
}
