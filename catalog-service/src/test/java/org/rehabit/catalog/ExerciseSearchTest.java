package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rehabit.devtools.PostgresTestResource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.publish;
import static org.rehabit.catalog.CatalogFixtures.retire;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.uniqueWord;
import static org.rehabit.catalog.CatalogFixtures.update;
import static org.rehabit.catalog.CatalogFixtures.wordOf;

/**
 * Finding exercises: ranked text search, filters (alone, combined, several values), paging, browse order,
 * refusal of bad parameters, and that only live published content is ever listed.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseSearchTest {

    @Test
    void findsExercisesByAWordOfTheirName() {
        given().queryParam("q", "shoulder").when().get("/exercises")
                .then().statusCode(200)
                .body("items.slug", hasItem("shoulder-circles"))
                .body("total", greaterThan(0));
        given().queryParam("q", "shoulder circles").when().get("/exercises")
                .then().statusCode(200)
                // both words in its name; Shoulder Rolls only mentions a circle in its summary
                .body("items[0].slug", equalTo("shoulder-circles"))
                .body("items.slug", hasItem("shoulder-rolls"));
    }

    @Test
    void findsExercisesByAnAlias() {
        given().queryParam("q", "knees to chest").when().get("/exercises")
                .then().statusCode(200)
                .body("items.slug", hasItem("back-flexion-stretch"));
        given().queryParam("q", "codman").when().get("/exercises")
                .then().statusCode(200)
                .body("items.slug", contains("pendulum"));
    }

    @Test
    void aNameOrAliasMatchRanksAboveASummaryOnlyMatch() {
        String word = uniqueWord();
        // alphabetically first, so only relevance can put it last
        Map<String, Object> inSummary = exercise(uniqueSlug("search-rank-summary"));
        inSummary.put("name", "Aardvark reach");
        inSummary.put("aliases", List.of());
        inSummary.put("summary", "A reach whose summary mentions " + word + " once.");
        Map<String, Object> inName = exercise(uniqueSlug("search-rank-name"));
        inName.put("name", "Zebra " + word);
        inName.put("aliases", List.of());
        Map<String, Object> inAlias = exercise(uniqueSlug("search-rank-alias"));
        inAlias.put("name", "Yak lift");
        inAlias.put("aliases", List.of("The " + word + " lift"));
        createPublished(inSummary);
        createPublished(inName);
        createPublished(inAlias);

        List<String> ranked = given().queryParam("q", word).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(3)).body("totalExact", equalTo(true))
                .extract().jsonPath().getList("items.slug", String.class);

        assertThat(ranked, hasSize(3));
        assertThat(ranked.subList(0, 2), containsInAnyOrder(inName.get("slug"), inAlias.get("slug")));
        assertEquals(inSummary.get("slug"), ranked.get(2));
    }

    @Test
    void filtersByRegion() {
        JsonPath found = search("region=NECK");
        assertThat(found.getList("items.bodyRegions"), everyItem(hasItem("NECK")));
        assertThat(found.getList("items.slug"), hasItems("chin-tuck", "neck-side-bend-stretch", "seated-spinal-twist"));
        assertThat(found.getList("items.slug"), not(hasItem("shoulder-circles")));
    }

    @Test
    void filtersByCondition() {
        JsonPath found = search("condition=upper-back-pinched-nerve");
        assertThat(found.getList("items.conditions"), everyItem(hasItem("upper-back-pinched-nerve")));
        assertThat(found.getList("items.slug"),
                hasItems("shoulder-circles", "seated-spinal-twist", "back-flexion-stretch", "chin-tuck"));
        assertThat(found.getList("items.slug"), not(hasItem("pendulum")));
    }

    @Test
    void filtersByStartPosition() {
        JsonPath found = search("position=SUPINE");
        assertThat(found.getList("items.startPosition"), everyItem(equalTo("SUPINE")));
        assertThat(found.getList("items.slug"), hasItems("back-flexion-stretch", "glute-bridge"));
        assertThat(found.getList("items.slug"), not(hasItem("seated-spinal-twist")));
    }

    @Test
    void filtersByEquipmentIncludingNone() {
        JsonPath none = search("equipment=none");
        assertThat(none.getList("items.equipment"), everyItem(empty()));
        assertThat(none.getList("items.slug"), hasItems("shoulder-circles", "cross-body-stretch"));

        JsonPath chair = search("equipment=chair");
        assertThat(chair.getList("items.equipment"), everyItem(hasItem("chair")));
        assertThat(chair.getList("items.slug"), hasItems("chin-tuck", "table-slide"));
        assertThat(chair.getList("items.slug"), not(hasItem("shoulder-circles")));

        JsonPath either = search("equipment=none,chair");
        assertThat(either.getList("items.slug"), hasItems("shoulder-circles", "chin-tuck"));
        assertEquals(none.getInt("total") + chair.getInt("total"), either.getInt("total"));
    }

    @Test
    void filtersByCategoryAndDifficulty() {
        JsonPath stretches = search("category=STRETCH");
        assertThat(stretches.getList("items.category"), everyItem(equalTo("STRETCH")));
        assertThat(stretches.getList("items.slug"), hasItems("seated-spinal-twist", "back-flexion-stretch"));

        JsonPath harder = search("difficulty=2");
        assertThat(harder.getList("items.difficulty"), everyItem(equalTo(2)));
        assertThat(harder.getList("items.slug"), hasItems("bird-dog", "prone-y-raise"));
        assertThat(harder.getList("items.slug"), not(hasItem("chin-tuck")));
    }

    @Test
    void differentFiltersMustAllHold() {
        JsonPath found = search("region=NECK&category=STRETCH&position=SEATED");
        assertThat(found.getList("items.slug"),
                hasItems("neck-side-bend-stretch", "upper-trapezius-stretch", "levator-scapulae-stretch"));
        assertThat(found.getList("items.bodyRegions"), everyItem(hasItem("NECK")));
        assertThat(found.getList("items.category"), everyItem(equalTo("STRETCH")));
        assertThat(found.getList("items.startPosition"), everyItem(equalTo("SEATED")));
        // a STRETCH for the NECK, but cross-legged; and a SEATED NECK exercise that is not a stretch
        assertThat(found.getList("items.slug"), not(hasItem("seated-spinal-twist")));
        assertThat(found.getList("items.slug"), not(hasItem("chin-tuck")));

        given().queryParam("q", "stretch").queryParam("region", "LOWER_BACK").queryParam("position", "SUPINE")
                .when().get("/exercises")
                .then().statusCode(200)
                .body("items.slug", hasItems("back-flexion-stretch", "piriformis-stretch"))
                .body("items.startPosition", everyItem(equalTo("SUPINE")))
                .body("items.slug", not(hasItem("childs-pose")));
    }

    @Test
    void severalValuesOfOneFilterMeanAnyOfThem() {
        JsonPath neck = search("region=NECK");
        JsonPath shoulder = search("region=SHOULDER");
        JsonPath commaSeparated = search("region=NECK,SHOULDER");
        JsonPath repeated = search("region=NECK&region=SHOULDER");

        List<String> union = new ArrayList<>(neck.getList("items.slug", String.class));
        shoulder.getList("items.slug", String.class).stream().filter(s -> !union.contains(s)).forEach(union::add);
        assertThat(commaSeparated.getList("items.slug", String.class), containsInAnyOrder(union.toArray()));
        assertEquals(commaSeparated.getList("items.slug"), repeated.getList("items.slug"));
        assertEquals(union.size(), repeated.getInt("total"));
        assertThat(repeated.getList("items.slug"), hasItems("chin-tuck", "pendulum"));

        assertEquals(search("difficulty=1,2").getInt("total"),
                search("difficulty=1").getInt("total") + search("difficulty=2").getInt("total"));
    }

    @Test
    void pagesPartitionTheResultsAndAgreeOnTheTotal() {
        JsonPath all = search("region=UPPER_BACK");
        List<String> everything = all.getList("items.slug", String.class);
        int total = all.getInt("total");
        assertThat(total, greaterThan(8));

        List<String> paged = new ArrayList<>();
        int pageSize = 4;
        for (int page = 0; page * pageSize < total; page++) {
            JsonPath onePage = given().queryParam("region", "UPPER_BACK").queryParam("page", page)
                    .queryParam("size", pageSize)
                    .when().get("/exercises")
                    .then().statusCode(200)
                    .body("page", equalTo(page))
                    .body("size", equalTo(pageSize))
                    .body("total", equalTo(total))
                    .body("items", hasSize(Math.min(pageSize, total - page * pageSize)))
                    .extract().jsonPath();
            paged.addAll(onePage.getList("items.slug", String.class));
        }
        assertEquals(everything, paged);
        assertEquals(paged.size(), new HashSet<>(paged).size(), "pages overlap: " + paged);

        given().queryParam("region", "UPPER_BACK").queryParam("page", total).queryParam("size", pageSize)
                .when().get("/exercises")
                .then().statusCode(200)
                .body("items", empty())
                .body("total", equalTo(total));
    }

    @Test
    void textSearchPagesPartitionTheRankingAndAPagePastTheEndKeepsTheTotal() {
        JsonPath all = search("q=shoulder");
        List<String> everything = all.getList("items.slug", String.class);
        int total = all.getInt("total");
        assertThat(total, greaterThan(3));

        List<String> paged = new ArrayList<>();
        int pageSize = 3;
        for (int page = 0; page * pageSize < total; page++) {
            paged.addAll(given().queryParam("q", "shoulder").queryParam("page", page).queryParam("size", pageSize)
                    .when().get("/exercises")
                    .then().statusCode(200)
                    .body("total", equalTo(total))
                    .extract().jsonPath().getList("items.slug", String.class));
        }
        assertEquals(everything, paged);

        given().queryParam("q", "shoulder").queryParam("page", total).queryParam("size", pageSize)
                .when().get("/exercises")
                .then().statusCode(200)
                .body("items", empty())
                .body("total", equalTo(total))
                .body("totalExact", equalTo(true));
    }

    @Test
    void withoutWordsResultsAreOrderedByName() {
        List<String> names = search("region=NECK").getList("items.name", String.class);
        List<String> byName = new ArrayList<>(names);
        byName.sort(Comparator.comparing(name -> name.toLowerCase(Locale.ROOT)));
        assertThat(names, hasSize(greaterThan(5)));
        assertEquals(byName, names);
        assertEquals(names, search("region=NECK").getList("items.name", String.class));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "region, ELBOWS",
            "position, FLYING",
            "category, YOGA",
            "condition, Bad Slug!",
            "equipment, Big Ball!",
            "difficulty, 5",
            "difficulty, 0",
            "size, 0",
            "size, 101",
            "page, -1"})
    void aBadParameterIsRefusedByName(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/exercises")
                .then().spec(invalid(parameter));
    }

    @Test
    void anOverlongQueryIsRefused() {
        given().queryParam("q", "shoulder ".repeat(23)).when().get("/exercises")
                .then().spec(invalid("q"));
    }

    /** The public document declares maxItems 20 for every list filter: more values are refused, not searched. */
    @Test
    void aFilterTakesAtMostTwentyValues() {
        String twenty = String.join(",", Collections.nCopies(20, "chair"));
        given().queryParam("equipment", twenty).when().get("/exercises").then().statusCode(200);
        given().queryParam("equipment", twenty + ",mat").when().get("/exercises")
                .then().spec(invalid("equipment"))
                .body("errors[0].message", containsString("at most 20 values"));
        given().queryParam("condition", Collections.nCopies(21, "low-back-pain").toArray())
                .when().get("/exercises").then().spec(invalid("condition"));
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        given().queryParam("region", "NECK,ELBOWS").queryParam("difficulty", "5")
                .when().get("/exercises")
                .then().spec(invalid("region", "difficulty"))
                .body("errors", hasSize(2));
    }

    @Test
    void draftsAndRetiredExercisesAreNeverListed() {
        String draftOnly = uniqueSlug("search-draft");
        create(exercise(draftOnly));
        String retired = uniqueSlug("search-retired");
        createPublished(exercise(retired));
        retire(retired);
        String edited = uniqueSlug("search-edited");
        String etag = createPublished(exercise(edited));
        String draftWord = uniqueWord();
        Map<String, Object> draftContent = exercise(edited);
        draftContent.put("name", "Unpublished " + draftWord);
        update(edited, etag, draftContent);

        for (String slug : List.of(draftOnly, retired)) {
            given().queryParam("q", wordOf(slug)).when().get("/exercises")
                    .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        }
        // the published version is what search knows; its newer draft stays invisible
        given().queryParam("q", draftWord).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", wordOf(edited)).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(edited)).body("items[0].version", equalTo(1));

        JsonPath browsed = search("region=ARM");
        assertThat(browsed.getList("items.slug"), hasItem(edited));
        assertThat(browsed.getList("items.slug"), not(hasItem(draftOnly)));
        assertThat(browsed.getList("items.slug"), not(hasItem(retired)));

        publish(draftOnly);
        given().queryParam("q", wordOf(draftOnly)).when().get("/exercises")
                .then().statusCode(200).body("items.slug", contains(draftOnly));
    }

    /** Every result of a filter-only query, on one page (the query string is taken as written). */
    private static JsonPath search(String query) {
        JsonPath found = given().when().get("/exercises?size=100&" + query)
                .then().statusCode(200)
                .extract().jsonPath();
        assertThat("all results fit on one page", found.getInt("total"), lessThanOrEqualTo(100));
        assertEquals(found.getInt("total"), found.getList("items").size());
        return found;
    }
}
