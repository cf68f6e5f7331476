package org.rehabit.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.rehabit.catalog.condition.ConditionInput;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.devtools.PostgresTestResource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The library Rehabit ships with: valid, what it contains, and that its migration run again on a database that holds
 * it (as on an install that loaded it at start before it was a migration) neither duplicates nor overwrites. Every
 * seed migration's file (the library's and each later content fix's) is valid content naming known conditions.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class SeedLibraryTest {

    /** A seed exercise no other test relies on, so editing it here disturbs nobody. */
    private static final String EDITED = "towel-internal-rotation-stretch";

    @Inject
    Validator validator;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    static SeedLibrary library() {
        return SeedMigration.read(new ObjectMapper(), V6__Seed_library.RESOURCE);
    }

    /** Runs the library's migration again, in a transaction of its own, as Flyway would on such an install. */
    static SeedWriter.Outcome runLibraryMigrationAgain(AgroalDataSource dataSource) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return new V6__Seed_library().run(connection);
            }
        });
    }

    @Test
    void theLibraryIsValidContent() {
        assertThat(validator.validate(library()).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).toList(), empty());
    }

    /**
     * What the API checked of content before seeds became migrations, for every seed migration Flyway runs (found as
     * Flyway finds them, in its order): Bean Validation, and that each exercise names only conditions a seed adds
     * (this one or an earlier one).
     */
    @Test
    void everySeedMigrationsFileIsValidContentNamingKnownConditions() {
        List<String> migrations = new ArrayList<>();
        Set<String> conditions = new HashSet<>();
        for (SeedMigration migration : seedMigrations()) {
            String resource = migration.resource();
            migrations.add(migration.getClass().getSimpleName());
            SeedLibrary library = SeedMigration.read(new ObjectMapper(), resource);
            assertThat(resource, validator.validate(library).stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).toList(), empty());
            library.conditions().stream().map(ConditionInput::slug).forEach(conditions::add);
            for (ExerciseInput exercise : library.exercises()) {
                assertThat(resource + ": " + exercise.slug(), exercise.conditions(), everyItem(is(in(conditions))));
            }
        }
        assertThat(migrations, hasItem(V6__Seed_library.class.getSimpleName()));
    }

    /** The seed migrations among Flyway's (a Java migration's script is its class's name), in version order. */
    private List<SeedMigration> seedMigrations() {
        List<SeedMigration> seeds = new ArrayList<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getScript().endsWith(".sql")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(info.getScript(), true, SeedMigration.class.getClassLoader());
                if (SeedMigration.class.isAssignableFrom(type)) {
                    seeds.add((SeedMigration) type.getConstructor().newInstance());
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("Flyway's migration " + info.getScript() + " cannot be made", e);
            }
        }
        return seeds;
    }

    @Test
    void everySeedExerciseIsPublishedAndTheLibraryCoversTheUpperBody() {
        SeedLibrary library = library();
        List<String> slugs = library.exercises().stream().map(ExerciseInput::slug).toList();
        assertThat(slugs, hasSize(greaterThanOrEqualTo(30)));

        JsonPath resolved = given().contentType(ContentType.JSON).body(Map.of("refs", slugs))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("unresolved", empty())
                .body("resolved.exercise.status", everyItem(equalTo("PUBLISHED")))
                .extract().jsonPath();
        assertEquals(slugs, resolved.getList("resolved.exercise.slug"));
        Set<String> regions = new HashSet<>();
        resolved.getList("resolved.exercise.bodyRegions", List.class).forEach(regions::addAll);
        assertThat(regions, hasItems("NECK", "UPPER_BACK", "SHOULDER", "LOWER_BACK"));
        for (String region : List.of("NECK", "UPPER_BACK", "SHOULDER", "LOWER_BACK")) {
            given().queryParam("region", region).when().get("/exercises")
                    .then().statusCode(200).body("total", greaterThanOrEqualTo(5));
        }

        given().when().get("/conditions").then().statusCode(200).body("$", hasSize(library.conditions().size()));
        given().when().get("/routine-templates")
                .then().statusCode(200).body("$", hasSize(library.routineTemplates().size()));
    }

    @Test
    void theArticleExercisesCarryTheArticlesFacts() {
        given().when().get("/exercises/shoulder-circles")
                .then().statusCode(200)
                .body("startPosition", equalTo("STANDING"))
                .body("equipment", empty())
                .body("defaultDose.reps", equalTo(10))
                .body("defaultDose.side", equalTo("BOTH"))
                .body("source.author", equalTo("Jody Braverman"));
        given().when().get("/exercises/seated-spinal-twist")
                .then().statusCode(200)
                .body("startPosition", equalTo("SEATED_CROSS_LEGGED"))
                .body("defaultDose.holdSeconds", equalTo(5))
                .body("defaultDose.side", equalTo("EACH_SIDE"))
                .body("steps.role", hasItems("SETUP", "MOVE", "HOLD", "RETURN"))
                .body("stopRules", not(empty()))
                .body("source.author", equalTo("Jody Braverman"));
        given().when().get("/exercises/back-flexion-stretch")
                .then().statusCode(200)
                .body("startPosition", equalTo("SUPINE"))
                .body("defaultDose.holdSeconds", equalTo(5))
                .body("defaultDose.side", equalTo("BOTH"))
                .body("aliases", hasItems("Knees-to-chest stretch"))
                .body("source.author", equalTo("Jody Braverman"))
                .body("source.title", equalTo("Exercises for Pinched Nerves in the Upper Back"));
    }

    @Test
    void theMigrationRunAgainAddsNothingAndKeepsEditorsChanges() {
        String etag = given().when().get("/exercises/{slug}", EDITED)
                .then().statusCode(200).extract().header("ETag");
        Map<String, Object> edited = given().when().get("/exercises/{slug}", EDITED)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        for (String readOnly : List.of("version", "status", "current", "latestVersion", "createdAt", "updatedAt",
                "publishedAt", "retiredAt")) {
            edited.remove(readOnly);
        }
        edited.put("summary", "Rewritten by an editor after the seed was loaded.");
        given().contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .when().put("/exercises/{slug}", EDITED)
                .then().statusCode(200).body("version", equalTo(2));
        given().when().post("/exercises/{slug}/publish", EDITED).then().statusCode(200);

        long exercises = publishedExercises();
        int conditions = given().when().get("/conditions").then().extract().jsonPath().getList("$").size();
        int templates = given().when().get("/routine-templates").then().extract().jsonPath().getList("$").size();

        SeedWriter.Outcome outcome = runLibraryMigrationAgain(dataSource);

        assertEquals(0, outcome.added());
        assertEquals(0, outcome.republished());

        assertEquals(exercises, publishedExercises());
        given().when().get("/conditions").then().statusCode(200).body("$", hasSize(conditions));
        given().when().get("/routine-templates").then().statusCode(200).body("$", hasSize(templates));
        given().when().get("/exercises/{slug}", EDITED)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("summary", equalTo("Rewritten by an editor after the seed was loaded."));
        given().when().get("/exercises/{slug}/versions", EDITED)
                .then().statusCode(200).body("version", contains(2, 1));
        given().when().get("/exercises/{slug}/draft", EDITED)
                .then().statusCode(404).body("detail", not(nullValue()));
    }

    private static long publishedExercises() {
        return given().queryParam("size", 1).when().get("/exercises")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
