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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.publish;
import static org.rehabit.catalog.CatalogFixtures.retire;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.uniqueWord;
import static org.rehabit.catalog.CatalogFixtures.update;

/**
 * Browsing by keyset (the next token), and search results that follow every change to the library however they are
 * cached: a publish or retire here, and a change committed by another writer of the same database (as another
 * catalog replica's would be: nothing in this service hears of it but the database's library generation).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseSearchPagingTest {

    @Inject
    EntityManager entityManager;

    /**
     * An exercise needing equipment of its own, so a browse filtered by it sees only this test's exercises; for the
     * ankle, at difficulty 3, so that it stays out of the filters ExerciseSearchTest counts on one page.
     */
    private static Map<String, Object> withKit(String kit, String name) {
        Map<String, Object> body = exercise(uniqueSlug("browse"));
        body.put("name", name);
        body.put("equipment", new ArrayList<>(List.of(kit)));
        body.put("bodyRegions", new ArrayList<>(List.of("ANKLE")));
        body.put("difficulty", 3);
        return body;
    }

    private static JsonPath browse(String kit, String after) {
        var request = given().queryParam("equipment", kit).queryParam("size", 3);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.when().get("/exercises").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void keysetPagesVisitEveryExerciseOnceWhileOthersArePublished() {
        String kit = "kit-" + uniqueWord();
        List<String> existing = new ArrayList<>();
        for (String name : List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
                "India", "Juliet", "Kilo")) {
            Map<String, Object> body = withKit(kit, name + " reach");
            createPublished(body);
            existing.add((String) body.get("slug"));
        }
        List<String> seen = new ArrayList<>();
        List<String> added = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = browse(kit, after);
            assertEquals(pages, page.getInt("page"));
            seen.addAll(page.getList("items.slug", String.class));
            after = page.getString("next");
            // between pages, exercises are published that sort before the cursor, right after it and at the end
            for (String name : List.of("Aardvark " + pages, "Golf " + pages, "Zulu " + pages)) {
                Map<String, Object> body = withKit(kit, name);
                createPublished(body);
                added.add((String) body.get("slug"));
            }
            pages++;
        } while (after != null && pages < 50);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "an exercise was listed twice: " + seen);
        assertTrue(seen.containsAll(existing), "an existing exercise was skipped: " + seen);
        Set<String> all = new HashSet<>(existing);
        all.addAll(added);
        assertTrue(all.containsAll(seen));
        // the last page says there is none after it; a fresh browse finds everything, in name order, and counts it
        JsonPath first = given().queryParam("equipment", kit).queryParam("size", 100).when().get("/exercises")
                .then().statusCode(200).body("next", nullValue()).extract().jsonPath();
        assertEquals(all.size(), first.getInt("total"));
        assertEquals(all, new HashSet<>(first.getList("items.slug", String.class)));
    }

    @Test
    void thePageParameterStillPagesByOffset() {
        String kit = "kit-" + uniqueWord();
        List<String> slugs = new ArrayList<>();
        for (String name : List.of("Avocado", "Banana", "Cherry", "Damson", "Elder")) {
            Map<String, Object> body = withKit(kit, name + " hold");
            createPublished(body);
            slugs.add((String) body.get("slug"));
        }
        given().queryParam("equipment", kit).queryParam("size", 3).queryParam("page", 1).when().get("/exercises")
                .then().statusCode(200).body("items.slug", equalTo(slugs.subList(3, 5))).body("page", equalTo(1))
                .body("total", equalTo(5)).body("next", nullValue());
        String next = browse(kit, null).getString("next");
        given().queryParam("equipment", kit).queryParam("size", 3).queryParam("after", next)
                .when().get("/exercises")
                .then().statusCode(200).body("items.slug", equalTo(slugs.subList(3, 5))).body("page", equalTo(1));
    }

    @Test
    void aTextSearchHandsOutNextTokensToo() {
        String word = uniqueWord();
        List<String> slugs = new ArrayList<>();
        for (String name : List.of("Arch", "Bend", "Curl", "Dip")) {
            Map<String, Object> body = withKit("kit-" + uniqueWord(), name + " " + word);
            createPublished(body);
            slugs.add((String) body.get("slug"));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            var request = given().queryParam("q", word).queryParam("size", 3);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get("/exercises").then().statusCode(200).body("total", equalTo(4))
                    .extract().jsonPath();
            seen.addAll(page.getList("items.slug", String.class));
            after = page.getString("next");
        } while (after != null && seen.size() < 10);
        assertEquals(slugs, seen);
    }

    @Test
    void aBadOrMisusedNextTokenIsRefused() {
        given().queryParam("after", "not-a-token!").when().get("/exercises")
                .then().spec(invalid("after"));
        String browseToken = given().queryParam("size", 1).when().get("/exercises")
                .then().statusCode(200).extract().path("next");
        given().queryParam("after", browseToken).queryParam("page", 2).when().get("/exercises")
                .then().spec(invalid("page"));
        // a browse's token does not continue a text search
        given().queryParam("after", browseToken).queryParam("q", "shoulder").when().get("/exercises")
                .then().spec(invalid("after"));
    }

    @Test
    void aPublishOrRetireShowsInTheNextSearch() {
        String word = uniqueWord();
        Map<String, Object> body = withKit("kit-" + uniqueWord(), "Press " + word);
        String slug = (String) body.get("slug");
        // asked twice: the second answer comes from the cache
        for (int i = 0; i < 2; i++) {
            given().queryParam("q", word).when().get("/exercises")
                    .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        }
        String etag = createPublished(body);
        given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(slug)).body("items[0].version", equalTo(1));

        body.put("summary", "Changed in version two.");
        update(slug, etag, body);
        publish(slug);
        given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("items[0].version", equalTo(2))
                .body("items[0].summary", equalTo("Changed in version two."));

        retire(slug);
        given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void aChangeCommittedByAnotherWriterShowsInTheNextSearch() {
        String kit = "kit-" + uniqueWord();
        String word = uniqueWord();
        Map<String, Object> body = withKit(kit, "Lift " + word);
        String slug = (String) body.get("slug");
        createPublished(body);
        String renamed = uniqueWord();
        given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(slug));
        given().queryParam("q", renamed).when().get("/exercises")
                .then().statusCode(200).body("items", empty());
        given().queryParam("equipment", kit).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(1));

        // what another replica's publish writes, committed in a transaction of its own: nothing in this service's
        // code runs, only the database's trigger
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE exercise_version SET name = 'Lift ' || :renamed
                        WHERE searchable AND exercise_id = (SELECT id FROM exercise WHERE slug = :slug)""")
                .setParameter("renamed", renamed).setParameter("slug", slug).executeUpdate());
        given().queryParam("q", renamed).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(slug));
        given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("items", empty());

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE exercise_version SET searchable = false
                        WHERE searchable AND exercise_id = (SELECT id FROM exercise WHERE slug = :slug)""")
                .setParameter("slug", slug).executeUpdate());
        given().queryParam("equipment", kit).when().get("/exercises")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
    }
}
