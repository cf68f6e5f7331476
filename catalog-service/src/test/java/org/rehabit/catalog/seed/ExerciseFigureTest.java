package org.rehabit.catalog.seed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.devtools.PostgresTestResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rehabit.catalog.CatalogFixtures.assertNotStored;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.publish;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.update;
import static org.rehabit.catalog.CatalogFixtures.wordOf;

/**
 * An exercise's picture as data: stored and versioned with its content, refused with 400 when its angles or shape
 * are wrong, present for every seed exercise, and given by the library's migration to installs seeded before
 * pictures existed without touching what editors wrote.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseFigureTest {

    /** Seed exercises no other test relies on. */
    private static final String UNCHANGED_SEED = "sleeper-stretch";
    private static final String OLDER_SEED_TEXT = "thread-the-needle";
    private static final String EDITED_SEED = "open-book";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager entityManager;

    static Map<String, Object> pair(int left, int right) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("left", left);
        pair.put("right", right);
        return pair;
    }

    static Map<String, Object> pose(String label, int trunk, int hips, int knees) {
        Map<String, Object> pose = new LinkedHashMap<>();
        pose.put("label", label);
        pose.put("trunk", trunk);
        pose.put("shoulders", pair(0, 0));
        pose.put("elbows", pair(0, 0));
        pose.put("hips", pair(hips, hips));
        pose.put("knees", pair(knees, knees));
        return pose;
    }

    /** A sitting figure and, where a test wants it, a second pose. */
    static Map<String, Object> figure() {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("view", "SIDE");
        figure.put("poses", new ArrayList<>(List.of(pose("Start", 0, 90, 90))));
        figure.put("props", new ArrayList<>(List.of("CHAIR")));
        figure.put("altText", "A person sitting upright on a chair.");
        return figure;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstPose(Map<String, Object> exercise) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) exercise.get("figure")).get("poses")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> figureOf(Map<String, Object> exercise) {
        return (Map<String, Object>) exercise.get("figure");
    }

    @Test
    void aFigureIsPartOfEachVersionsContent() {
        String slug = uniqueSlug("figure");
        Map<String, Object> body = exercise(slug);
        body.put("figure", figure());
        create(body);
        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200)
                .body("figure.view", equalTo("SIDE"))
                .body("figure.props", equalTo(List.of("CHAIR")))
                .body("figure.altText", equalTo("A person sitting upright on a chair."))
                .body("figure.poses[0].label", equalTo("Start"))
                .body("figure.poses[0].hips.left", equalTo(90))
                .body("figure.poses[0].knees.right", equalTo(90));
        String etag = publish(slug);

        Map<String, Object> edited = exercise(slug);
        Map<String, Object> standing = figure();
        standing.put("poses", List.of(pose("Start", 0, 0, 0), pose("Lean", 30, 30, 0)));
        standing.put("props", List.of());
        standing.put("altText", "A person standing, then leaning forward from the hips.");
        edited.put("figure", standing);
        update(slug, etag, edited);
        publish(slug);

        given().when().get("/exercises/{slug}", slug)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("figure.poses.label", equalTo(List.of("Start", "Lean")))
                .body("figure.poses[1].trunk", equalTo(30));
        given().when().get("/exercises/{slug}/versions/1", slug)
                .then().statusCode(200)
                .body("figure.poses", hasSize(1))
                .body("figure.altText", equalTo("A person sitting upright on a chair."));
        // search results carry the figure, for small pictures in the list
        given().queryParam("q", wordOf(slug)).when().get("/exercises")
                .then().statusCode(200)
                .body("items[0].slug", equalTo(slug))
                .body("items[0].figure.poses", hasSize(2));
    }

    @Test
    void anExerciseWithoutAFigureHasNone() {
        String slug = uniqueSlug("figure-none");
        create(exercise(slug));
        given().when().get("/exercises/{slug}/draft", slug)
                .then().statusCode(200).body("figure", nullValue());
    }

    /** One way of spoiling a valid figure, and the field the problem must name. */
    record Spoiled(String description, Consumer<Map<String, Object>> change, String field) {
        @Override
        public String toString() {
            return description;
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Spoiled> spoiledFigures() {
        return Stream.of(
                new Spoiled("a knee bent 250 degrees",
                        e -> ((Map<String, Object>) firstPose(e).get("knees")).put("left", 250), "figure.poses[0].knees.left"),
                new Spoiled("a trunk at -181 degrees", e -> firstPose(e).put("trunk", -181), "figure.poses[0].trunk"),
                new Spoiled("a head bent 120 degrees", e -> firstPose(e).put("head", 120), "figure.poses[0].head"),
                new Spoiled("a spine bent 90 degrees", e -> firstPose(e).put("spine", 90), "figure.poses[0].spine"),
                new Spoiled("an angle that is not a number", e -> firstPose(e).put("trunk", "upright"),
                        "figure.poses[0].trunk"),
                new Spoiled("no trunk angle", e -> firstPose(e).remove("trunk"), "figure.poses[0].trunk"),
                new Spoiled("elbows without a right one",
                        e -> firstPose(e).put("elbows", Map.of("left", 10)), "figure.poses[0].elbows.right"),
                new Spoiled("a pose without a label", e -> firstPose(e).put("label", " "), "figure.poses[0].label"),
                new Spoiled("no pose", e -> figureOf(e).put("poses", List.of()), "figure.poses"),
                new Spoiled("three poses", e -> figureOf(e).put("poses", List.of(pose("A", 0, 0, 0),
                        pose("B", 0, 0, 0), pose("C", 0, 0, 0))), "figure.poses"),
                new Spoiled("an unknown view", e -> figureOf(e).put("view", "BELOW"), "figure.view"),
                new Spoiled("an unknown prop", e -> figureOf(e).put("props", List.of("MAT", "SOFA")), "figure.props[1]"),
                new Spoiled("no alt text", e -> figureOf(e).remove("altText"), "figure.altText"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledFigures")
    void aSpoiledFigureIsRefusedWithTheFieldNamed(Spoiled spoiled) {
        String slug = uniqueSlug("figure-invalid");
        Map<String, Object> body = exercise(slug);
        body.put("figure", figure());
        spoiled.change().accept(body);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/exercises")
                .then().spec(invalid(spoiled.field()));

        assertNotStored(slug);
    }

    @Test
    void everySeedExerciseHasAFigureWithAltText() {
        List<String> slugs = SeedLibraryTest.library().exercises().stream().map(ExerciseInput::slug).toList();
        // version 1 is the seed's own (other tests publish editors' versions of some seed exercises)
        List<String> seeded = slugs.stream().map(slug -> slug + "@1").toList();
        JsonPath resolved = given().contentType(ContentType.JSON).body(Map.of("refs", seeded))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("resolved", hasSize(slugs.size()))
                .body("resolved.exercise.figure", everyItem(notNullValue()))
                .extract().jsonPath();
        List<String> altTexts = resolved.getList("resolved.exercise.figure.altText");
        assertThat(altTexts, everyItem(not(equalTo(""))));
        assertEquals(slugs.size(), altTexts.stream().distinct().count(), "every picture says what it shows");
        assertThat(resolved.getList("resolved.exercise.figure.poses", List.class).stream().map(List::size).toList(),
                not(hasItem(0)));
    }

    @Test
    void theSeedGivesItsFigureToItsOwnUnchangedTextOnly() {
        // an editor's version 2 of a seeded exercise, without a picture
        String etag = given().when().get("/exercises/{slug}", EDITED_SEED).then().statusCode(200).extract().header("ETag");
        Map<String, Object> edited = given().when().get("/exercises/{slug}", EDITED_SEED)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        for (String readOnly : List.of("version", "status", "current", "latestVersion", "createdAt", "updatedAt",
                "publishedAt", "retiredAt", "figure")) {
            edited.remove(readOnly);
        }
        given().contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .when().put("/exercises/{slug}", EDITED_SEED).then().statusCode(200).body("version", equalTo(2));
        publish(EDITED_SEED);

        // as an install seeded at start before pictures existed and before the library was a migration: version 1
        // without a figure and not marked as the seed's, one of them with older text
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    UPDATE exercise_version SET figure = NULL, seeded_by = NULL
                    WHERE version = 1 AND exercise_id IN (SELECT id FROM exercise WHERE slug IN (:slugs))""")
                    .setParameter("slugs", List.of(UNCHANGED_SEED, OLDER_SEED_TEXT, EDITED_SEED)).executeUpdate();
            entityManager.createNativeQuery("""
                    UPDATE exercise_version SET steps = jsonb_set(steps, '{0,instruction}', '"Kneel on all fours."')
                    WHERE version = 1 AND exercise_id = (SELECT id FROM exercise WHERE slug = :slug)""")
                    .setParameter("slug", OLDER_SEED_TEXT).executeUpdate();
        });
        String before = given().when().get("/exercises/{slug}", UNCHANGED_SEED)
                .then().statusCode(200).body("figure", nullValue()).extract().header("ETag");

        SeedLibraryTest.runLibraryMigrationAgain(dataSource);

        String after = given().when().get("/exercises/{slug}", UNCHANGED_SEED)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("figure.view", equalTo("FRONT"))
                .body("figure.altText", equalTo(seedFigureAltText(UNCHANGED_SEED)))
                .extract().header("ETag");
        assertNotEquals(before, after, "the content changed, so must the ETag");
        given().when().get("/exercises/{slug}", OLDER_SEED_TEXT)
                .then().statusCode(200).body("figure", nullValue());
        given().when().get("/exercises/{slug}", EDITED_SEED)
                .then().statusCode(200).body("version", equalTo(2)).body("figure", nullValue());
        given().when().get("/exercises/{slug}/versions/1", EDITED_SEED)
                .then().statusCode(200).body("figure.altText", equalTo(seedFigureAltText(EDITED_SEED)));

        // with the seed's text back, the migration recognizes it as the seed's and gives it its figure
        String seedText = SeedLibraryTest.library().exercises().stream().filter(e -> e.slug().equals(OLDER_SEED_TEXT)).findFirst()
                .orElseThrow().steps().get(0).instruction();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE exercise_version SET steps = jsonb_set(steps, '{0,instruction}', to_jsonb(CAST(:text AS text)))
                        WHERE version = 1 AND exercise_id = (SELECT id FROM exercise WHERE slug = :slug)""")
                .setParameter("text", seedText).setParameter("slug", OLDER_SEED_TEXT).executeUpdate());
        SeedLibraryTest.runLibraryMigrationAgain(dataSource);
        given().when().get("/exercises/{slug}", OLDER_SEED_TEXT)
                .then().statusCode(200).body("figure.altText", equalTo(seedFigureAltText(OLDER_SEED_TEXT)));
    }

    private String seedFigureAltText(String slug) {
        return SeedLibraryTest.library().exercises().stream().filter(e -> e.slug().equals(slug)).findFirst().orElseThrow()
                .figure().altText();
    }
}
