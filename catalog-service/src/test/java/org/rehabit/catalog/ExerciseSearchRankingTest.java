package org.rehabit.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.publish;
import static org.rehabit.catalog.CatalogFixtures.retire;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.update;

/**
 * What the search finds and in which order: every match ranked (more than 1,000 of them too), the query syntax
 * (a phrase, an exclusion, the last word as a prefix of a word as written), a typo (only for words the library
 * does not have), text with filters, and the search table following
 * publish and retire.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseSearchRankingTest {

    @Inject
    EntityManager entityManager;

    /** A word no stemmer changes (no vowel, no s): what is typed is what is indexed. */
    private static String plainWord() {
        String letters = "bcdfhkmpqwxz";
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return word.toString();
    }

    private static Map<String, Object> named(String slugPrefix, String name) {
        Map<String, Object> body = exercise(uniqueSlug(slugPrefix));
        body.put("name", name);
        body.put("aliases", List.of());
        return body;
    }

    private static List<String> found(String q) {
        return given().queryParam("q", q).queryParam("size", 100).when().get("/exercises")
                .then().statusCode(200).extract().jsonPath().getList("items.slug", String.class);
    }

    @Test
    void moreThanAThousandMatchesAreAllRankedInAStableOrder() {
        String word = plainWord();
        int bulk = 1_100;
        // 1,100 exercises with the word once in their name, loaded first; then three that say it more often (name,
        // alias and summary), loaded last and named to sort last: only ranking over every match puts them on top.
        Map<String, Object> templateBody = named("search-bulk-template", "Template " + plainWord());
        createPublished(templateBody);
        String template = (String) templateBody.get("slug");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("""
                        INSERT INTO exercise (id, slug, current_version, latest_version, revision, created_at, updated_at)
                        SELECT gen_random_uuid(), :word || '-' || lpad(i::text, 4, '0'), 1, 1, 1, now(), now()
                        FROM generate_series(1, :bulk + 3) i""")
                        .setParameter("word", word).setParameter("bulk", bulk).executeUpdate();
                entityManager.createNativeQuery("""
                        INSERT INTO exercise_version (id, exercise_id, version, status, name, aliases, summary, purpose,
                            category, body_regions, start_position, equipment, difficulty, steps, cautions,
                            contraindications, stop_rules, default_dose, media, conditions, source, licence,
                            created_at, updated_at, published_at, searchable, figure)
                        SELECT gen_random_uuid(), e.id, 1, 'PUBLISHED',
                               CASE WHEN n <= :bulk THEN 'Bulk ' || :word || ' ' || lpad(n::text, 4, '0')
                                    ELSE 'Zz top ' || :word || ' ' || n END,
                               CASE WHEN n <= :bulk THEN '{}'::text[] ELSE ARRAY[:word || ' hold'] END,
                               CASE WHEN n <= :bulk THEN t.summary ELSE 'Says ' || :word || ' and ' || :word || '.' END,
                               t.purpose, 'BREATHING', '{ANKLE}', 'KNEELING', '{foam-block}', 3, t.steps, t.cautions,
                               t.contraindications, t.stop_rules, t.default_dose, t.media, '{}', t.source, t.licence,
                               now(), now(), now(), true, t.figure
                        FROM (SELECT e.id, right(e.slug, 4)::int AS n FROM exercise e WHERE e.slug LIKE :word || '-%') e,
                             exercise_version t JOIN exercise te ON te.id = t.exercise_id AND te.slug = :template
                        ORDER BY n""")
                        .setParameter("word", word).setParameter("bulk", bulk).setParameter("template", template)
                        .executeUpdate();
            });
            List<String> expected = new ArrayList<>();
            for (int n = bulk + 1; n <= bulk + 3; n++) {
                expected.add(word + "-" + n);
            }
            for (int n = 1; n <= bulk; n++) {
                expected.add(word + "-" + String.format("%04d", n));
            }

            List<String> paged = new ArrayList<>();
            for (int page = 0; page * 100 < expected.size(); page++) {
                JsonPath onePage = given().queryParam("q", word).queryParam("page", page).queryParam("size", 100)
                        .when().get("/exercises")
                        .then().statusCode(200)
                        .body("total", equalTo(expected.size()))
                        .body("totalExact", equalTo(true))
                        .extract().jsonPath();
                paged.addAll(onePage.getList("items.slug", String.class));
            }
            assertEquals(expected, paged);
            assertEquals(paged.size(), new HashSet<>(paged).size());
            // the same question, asked again, pages the same way
            given().queryParam("q", word).queryParam("page", 7).queryParam("size", 100).when().get("/exercises")
                    .then().statusCode(200)
                    .body("items.slug", equalTo(expected.subList(700, 800)))
                    .body("items[0].category", equalTo("BREATHING"))
                    .body("items[0].bodyRegions", contains("ANKLE"))
                    .body("items[0].equipment", contains("foam-block"));
            // past the end: no items, the same total
            given().queryParam("q", word).queryParam("page", 20).queryParam("size", 100).when().get("/exercises")
                    .then().statusCode(200).body("items", empty()).body("total", equalTo(expected.size()));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("""
                        DELETE FROM exercise_version WHERE exercise_id IN (SELECT id FROM exercise WHERE slug LIKE :word || '-%')""")
                        .setParameter("word", word).executeUpdate();
                entityManager.createNativeQuery("DELETE FROM exercise WHERE slug LIKE :word || '-%'")
                        .setParameter("word", word).executeUpdate();
            });
        }
        assertEquals(List.of(), found(word));
    }

    @Test
    void theLastWordIsMatchedAsAPrefix() {
        String first = plainWord();
        String last = plainWord();
        Map<String, Object> body = named("search-prefix", "Reach " + first + " " + last);
        createPublished(body);

        assertEquals(List.of(body.get("slug")), found(first + " " + last.substring(0, 7)));
        assertEquals(List.of(body.get("slug")), found(last.substring(0, 6)));
        // the seed's shoulder exercises while typing
        given().queryParam("q", "shoul").when().get("/exercises")
                .then().statusCode(200).body("items.slug", hasItem("shoulder-circles"));
    }

    @Test
    void theLastWordIsAPrefixOfTheWordAsWrittenNotOfItsStem() {
        // "rotation" is indexed as 'rotat' and "breathing" as 'breath': a prefix longer than the stem still finds them
        String word = plainWord();
        Map<String, Object> body = named("search-prefix-stem", "Seated " + word + " rotation");
        // looks like it, but no word of it starts with "rotati": found only as a typo would be
        Map<String, Object> lookAlike = named("search-prefix-look-alike", "Seated " + word + " rotatory");
        createPublished(body);
        createPublished(lookAlike);

        assertEquals(List.of(body.get("slug")), found(word + " rotati"));
        assertEquals(List.of(body.get("slug")), found(word + " rotatio"));
        given().queryParam("q", "breathin").when().get("/exercises")
                .then().statusCode(200).body("items.slug", hasItem("diaphragmatic-breathing"));
        // "should" is an English stop word, and the start of shoulder
        given().queryParam("q", "should").when().get("/exercises")
                .then().statusCode(200).body("items.slug", hasItem("shoulder-circles"));
        // a whole word in another form still finds its stem: "rotations" finds rotation
        assertThat(found(word + " rotations"), hasItem((String) body.get("slug")));
    }

    @Test
    void wordsThatMatchAreNoTypoWhenTheFiltersLeaveNone() {
        String word = plainWord();
        String lookAlike = word.substring(0, 11) + (word.charAt(11) == 'b' ? 'c' : 'b');
        Map<String, Object> arm = named("search-no-typo-arm", "Press " + word);
        Map<String, Object> knee = named("search-no-typo-knee", "Press " + lookAlike);
        knee.put("bodyRegions", new ArrayList<>(List.of("KNEE")));
        createPublished(arm);
        createPublished(knee);

        // the word is in the library (an arm exercise): among knee exercises there is no match, and no look-alike
        given().queryParam("q", word).queryParam("region", "KNEE").when().get("/exercises")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        // a word in no exercise at all is a typo: the look-alike is found, with the filter
        String typo = lookAlike.substring(0, 6) + (lookAlike.charAt(6) == 'b' ? 'c' : 'b') + lookAlike.substring(7);
        given().queryParam("q", typo).queryParam("region", "KNEE").when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(knee.get("slug")));
    }

    @Test
    void quotedWordsAreAPhraseAndAMinusExcludes() {
        String one = plainWord();
        String two = plainWord();
        Map<String, Object> inOrder = named("search-phrase-in-order", "Lift " + one + " " + two + " slowly");
        Map<String, Object> reversed = named("search-phrase-reversed", "Lift " + two + " " + one + " slowly");
        Map<String, Object> alone = named("search-phrase-alone", "Lift " + one + " slowly");
        createPublished(inOrder);
        createPublished(reversed);
        createPublished(alone);

        assertEquals(List.of(inOrder.get("slug")), found("\"" + one + " " + two + "\""));
        assertEquals(List.of(alone.get("slug")), found(one + " -" + two));
        assertEquals(3, found(one + " or " + two).size());
        assertEquals(2, found(one + " " + two).size());
    }

    @Test
    void aTypoStillFindsTheExercise() {
        String word = plainWord();
        Map<String, Object> body = named("search-typo", "Rotation " + word);
        createPublished(body);
        String typo = word.substring(0, 6) + (word.charAt(6) == 'b' ? 'c' : 'b') + word.substring(7);

        assertEquals(List.of(body.get("slug")), found(typo));
        given().queryParam("q", "sholder").when().get("/exercises")
                .then().statusCode(200).body("items.slug", hasItem("shoulder-circles"));
    }

    @Test
    void textAndFiltersMustBothHold() {
        String word = plainWord();
        Map<String, Object> arm = named("search-filter-arm", "Press " + word);
        Map<String, Object> knee = named("search-filter-knee", "Press " + word);
        knee.put("bodyRegions", new ArrayList<>(List.of("KNEE")));
        knee.put("difficulty", 2);
        createPublished(arm);
        createPublished(knee);

        given().queryParam("q", word).queryParam("region", "KNEE").when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(knee.get("slug"))).body("total", equalTo(1));
        given().queryParam("q", word).queryParam("region", "ARM,KNEE").queryParam("difficulty", "1")
                .when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(arm.get("slug")));
        given().queryParam("q", word).queryParam("category", "BREATHING").when().get("/exercises")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
    }

    @Test
    void publishAndRetireKeepSearchInStep() {
        String before = plainWord();
        String after = plainWord();
        Map<String, Object> body = named("search-in-step", "Hold " + before);
        String slug = (String) body.get("slug");
        String etag = createPublished(body);

        body.put("name", "Hold " + after);
        update(slug, etag, body);
        assertEquals(List.of(slug), found(before));
        assertEquals(List.of(), found(after));

        publish(slug);
        assertEquals(List.of(), found(before));
        given().queryParam("q", after).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(slug)).body("items[0].version", equalTo(2))
                .body("items[0].name", equalTo("Hold " + after));

        retire(slug);
        assertEquals(List.of(), found(after));
    }
}
