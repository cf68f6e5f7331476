package org.rehabit.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.devtools.PostgresTestResource;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.catalog.CatalogFixtures.publish;

/**
 * A later content fix, as a seed migration after the library's would ship it (a seed file holding what it changes):
 * it publishes a new version of an exercise whose current version is still the seed's, leaves alone an exercise an
 * editor changed (published a version, opened a draft, retired it), adds what is new, and run again changes nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class SeedFixTest {

    /** Exercises a library (seed migration 6) adds for this test, then editors change some of them. */
    private static final String STILL_THE_SEEDS = "fix-test-still-the-seeds";
    private static final String PUBLISHED_BY_AN_EDITOR = "fix-test-published-by-an-editor";
    private static final String DRAFT_OPEN = "fix-test-draft-open";
    private static final String RETIRED = "fix-test-retired";
    private static final String NEW_IN_THE_FIX = "fix-test-new-in-the-fix";

    private static final String FIXED_SUMMARY = "Corrected by a content fix shipped after the library.";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFixPublishesANewVersionOfTheSeedsOwnContentOnly() {
        ExerciseInput model = SeedLibraryTest.library().exercises().get(0);
        List<String> shipped = List.of(STILL_THE_SEEDS, PUBLISHED_BY_AN_EDITOR, DRAFT_OPEN, RETIRED);
        SeedLibrary library = new SeedLibrary(shipped.stream().map(slug -> as(model, slug, model.summary())).toList(),
                List.of(), List.of());
        assertEquals(new SeedWriter.Outcome(4, 0, 0), run("6", library));
        editedByAnEditor();
        SeedLibrary fix = new SeedLibrary(Stream.concat(shipped.stream(), Stream.of(NEW_IN_THE_FIX))
                .map(slug -> as(model, slug, FIXED_SUMMARY)).toList(), List.of(), List.of());

        SeedWriter.Outcome first = runFix(fix);

        assertEquals(new SeedWriter.Outcome(1, 1, 3), first);
        given().when().get("/exercises/{slug}", STILL_THE_SEEDS)
                .then().statusCode(200).body("version", equalTo(2)).body("summary", equalTo(FIXED_SUMMARY));
        given().when().get("/exercises/{slug}/versions", STILL_THE_SEEDS)
                .then().statusCode(200).body("version", contains(2, 1)).body("status", contains("PUBLISHED", "PUBLISHED"));
        given().when().get("/exercises/{slug}/versions/1", STILL_THE_SEEDS)
                .then().statusCode(200).body("summary", equalTo(model.summary()));
        // search shows the fixed version
        given().queryParam("q", "corrected content fix").when().get("/exercises")
                .then().statusCode(200).body("items.slug", containsInAnyOrder(STILL_THE_SEEDS, NEW_IN_THE_FIX));

        given().when().get("/exercises/{slug}", PUBLISHED_BY_AN_EDITOR)
                .then().statusCode(200).body("version", equalTo(2)).body("summary", equalTo("An editor's summary."));
        given().when().get("/exercises/{slug}/draft", DRAFT_OPEN)
                .then().statusCode(200).body("summary", equalTo("An editor's summary."));
        given().when().get("/exercises/{slug}", DRAFT_OPEN)
                .then().statusCode(200).body("version", equalTo(1));
        given().when().get("/exercises/{slug}/versions", RETIRED)
                .then().statusCode(200).body("version", contains(1));
        given().when().get("/exercises/{slug}", NEW_IN_THE_FIX)
                .then().statusCode(200).body("version", equalTo(1)).body("status", equalTo("PUBLISHED"));

        // a fix is a migration: it runs once, but even run again it would find nothing left to do
        assertEquals(new SeedWriter.Outcome(0, 0, 3), runFix(fix));
        given().when().get("/exercises/{slug}/versions", STILL_THE_SEEDS)
                .then().statusCode(200).body("version", contains(2, 1));

        // once an editor publishes a version of the fixed exercise, the next fix leaves it alone too
        editAndPublish(STILL_THE_SEEDS);
        assertEquals(new SeedWriter.Outcome(0, 0, 4), runFix(fix));
    }

    private void editedByAnEditor() {
        editAndPublish(PUBLISHED_BY_AN_EDITOR);
        edit(DRAFT_OPEN, etag(DRAFT_OPEN));
        given().header("If-Match", etag(RETIRED)).when().post("/exercises/{slug}/retire", RETIRED)
                .then().statusCode(200);
    }

    private static void editAndPublish(String slug) {
        edit(slug, etag(slug));
        publish(slug);
    }

    private static String etag(String slug) {
        return given().when().get("/exercises/{slug}", slug).then().statusCode(200).extract().header("ETag");
    }

    private static void edit(String slug, String etag) {
        Map<String, Object> edited = given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        for (String readOnly : List.of("version", "status", "current", "latestVersion", "createdAt", "updatedAt",
                "publishedAt", "retiredAt")) {
            edited.remove(readOnly);
        }
        edited.put("summary", "An editor's summary.");
        given().contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .when().put("/exercises/{slug}", slug).then().statusCode(200);
    }

    /** Writes {@code fix} as a content fix, seed migration 7, would. */
    private SeedWriter.Outcome runFix(SeedLibrary fix) {
        return run("7", fix);
    }

    /** Writes {@code seed} as seed migration {@code version} would, in a transaction of its own. */
    private SeedWriter.Outcome run(String version, SeedLibrary seed) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return new SeedWriter(connection, version, new ObjectMapper(), Instant.now()).write(seed);
            }
        });
    }

    /** The model's content under another slug and name, with {@code summary}. */
    private static ExerciseInput as(ExerciseInput e, String slug, String summary) {
        return new ExerciseInput(slug, "Fix test " + slug.substring("fix-test-".length()), e.aliases(), summary,
                e.purpose(), e.category(), e.bodyRegions(), e.startPosition(), e.equipment(), e.difficulty(),
                e.steps(), e.cautions(), e.contraindications(), e.stopRules(), e.defaultDose(), e.media(), e.figure(),
                e.conditions(), e.source(), e.licence());
    }
}
