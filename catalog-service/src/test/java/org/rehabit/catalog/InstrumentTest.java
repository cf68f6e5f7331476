package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.rehabit.catalog.seed.InstrumentSeed;
import org.rehabit.catalog.seed.V8_1__Seed_instruments;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.support.outcome.Direction;
import org.rehabit.support.outcome.Item;
import org.rehabit.support.outcome.Score;
import org.rehabit.support.outcome.Scoring;
import org.rehabit.support.outcome.Method;
import org.rehabit.support.outcome.ScoringRule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;

/**
 * Outcome-measure instruments: the shipped ones readable by anyone signed in, with their text only where their terms
 * allow; published versions immutable; unsound rules refused; licensed text imported per version, item for item.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class InstrumentTest {

    @Inject
    DataSource dataSource;

    @Inject
    Validator validator;

    private static String physio() {
        return EditorTokenByDefault.token("a-physio", "physio");
    }

    @Test
    void theSeedFileIsValidAndShipsTheRulesScoringTestWorksThrough() {
        InstrumentSeed seed = V8_1__Seed_instruments.read(new ObjectMapper());
        seed.instruments().forEach((slug, input) -> assertEquals(Set.of(), validator.validate(input), slug));
        // the same rules as service-support's ScoringTest scores its worked examples by
        assertEquals(new ScoringRule(Method.SUM, 1, 0, 50, Direction.HIGHER_IS_WORSE, 1),
                seed.instruments().get("ndi").scoring());
        assertEquals(new ScoringRule(Method.PERCENT, 1, 0, 100, Direction.HIGHER_IS_WORSE, 1),
                seed.instruments().get("odi").scoring());
        assertEquals(new ScoringRule(Method.PERCENT, 1, 0, 100, Direction.HIGHER_IS_WORSE, 1),
                seed.instruments().get("quickdash").scoring());
        assertEquals(new ScoringRule(Method.MEAN, 4, 0, 10, Direction.LOWER_IS_WORSE, 1),
                seed.instruments().get("psfs").scoring());
        assertEquals(new ScoringRule(Method.SUM, 0, 0, 10, Direction.HIGHER_IS_WORSE, 0),
                seed.instruments().get("nprs").scoring());
        assertEquals(List.of(10, 10, 11, 5, 1), Stream.of("ndi", "odi", "quickdash", "psfs", "nprs")
                .map(s -> seed.instruments().get(s).items().size()).toList());
    }

    @Test
    void shippedInstrumentsAreReadableWithTheirTextOnlyWhereTheirTermsAllow() {
        given().auth().oauth2(physio()).when().get("/instruments")
                .then().statusCode(200)
                .body("slug", hasItems("psfs", "nprs", "ndi", "odi", "quickdash"))
                .body("find { it.slug == 'psfs' }.text", equalTo("SHIPPED"))
                .body("find { it.slug == 'nprs' }.text", equalTo("SHIPPED"))
                .body("find { it.slug == 'ndi' }.direction", equalTo("HIGHER_IS_WORSE"))
                .body("find { it.slug == 'psfs' }.direction", equalTo("LOWER_IS_WORSE"))
                .body("find { it.slug == 'quickdash' }.mcid", equalTo(15.91f));
        given().auth().oauth2(physio()).when().get("/instruments/psfs")
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("items", hasSize(5))
                .body("items.text", everyItem(notNullValue()))
                .body("items[0].labels.value", contains(0, 10))
                .body("scoring.method", equalTo("MEAN"))
                .body("scoring.maxMissing", equalTo(4))
                .body("mcid.value", equalTo(2.0f))
                .body("citation", containsString("Stratford"));
        // NDI, ODI, QuickDASH: the rule, the MCID and the terms, no wording
        for (String slug : List.of("ndi", "odi", "quickdash")) {
            given().auth().oauth2(physio()).when().get("/instruments/{slug}/versions/1", slug)
                    .then().statusCode(200)
                    .body("text", equalTo("NONE"))
                    .body("instructions", nullValue())
                    .body("items.text", everyItem(nullValue()))
                    .body("items.id", everyItem(notNullValue()))
                    .body("scoring.maxMissing", equalTo(1))
                    .body("terms", containsString("Copyright"));
        }
        given().auth().oauth2(physio()).when().get("/instruments/ndi")
                .then().body("items", hasSize(10)).body("scoring.max", equalTo(50.0f)).body("mcid.value", equalTo(5.0f));
        given().auth().oauth2(physio()).when().get("/instruments/quickdash")
                .then().body("items", hasSize(11)).body("items[0].min", equalTo(1)).body("items[0].max", equalTo(5));
        given().auth().none().when().get("/instruments").then().statusCode(401);
        given().when().get("/instruments/no-such-instrument").then().spec(problem(404, "not-found"));
        given().when().get("/instruments/psfs/versions/9").then().spec(problem(404, "not-found"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShippedVersionAsReadScoresAnswersByItsRule() {
        // what the session-service will do: read the version, score the answers with service-support's Scoring
        Map<String, Object> ndi = given().auth().oauth2(physio()).when().get("/instruments/ndi/versions/1")
                .then().statusCode(200).extract().as(Map.class);
        ObjectMapper json = new ObjectMapper();
        ScoringRule rule = json.convertValue(ndi.get("scoring"), ScoringRule.class);
        List<Item> items = ((List<Map<String, Object>>) ndi.get("items")).stream()
                .map(i -> new Item((String) i.get("id"), (Integer) i.get("min"), (Integer) i.get("max"))).toList();
        Map<String, Integer> answers = new HashMap<>();
        int[] given = {2, 1, 3, 0, 2, 1, 2, 1, -1, 2}; // s9 unanswered: 14 over 9 items, 14 * 10 / 9 = 15.6
        for (int i = 0; i < given.length; i++) {
            if (given[i] >= 0) {
                answers.put("s" + (i + 1), given[i]);
            }
        }
        Score score = Scoring.score(items, rule, answers);
        assertEquals(15.6, score.value(), 1e-9);
        answers.remove("s1");
        assertEquals("2 of 10 items unanswered; at most 1 may be missing for a score",
                Scoring.score(items, rule, answers).reason());
        // a shipped text names no importer's licence
        given().auth().oauth2(physio()).when().get("/instruments/psfs").then().body("textSource", nullValue());
    }

    @Test
    void aPublishedVersionNeverChanges() throws SQLException {
        String slug = uniqueSlug("scale");
        given().contentType(ContentType.JSON).body(instrument(4.0)).when().post("/instruments/{slug}/versions", slug)
                .then().statusCode(201)
                .header("Location", endsWith("/instruments/" + slug + "/versions/1"))
                .body("version", equalTo(1)).body("text", equalTo("NONE"));
        given().contentType(ContentType.JSON).body(instrument(6.0)).when().post("/instruments/{slug}/versions", slug)
                .then().statusCode(201).body("version", equalTo(2));
        given().when().get("/instruments/{slug}", slug)
                .then().body("version", equalTo(2)).body("currentVersion", equalTo(2)).body("mcid.value", equalTo(6.0f));
        given().when().get("/instruments/{slug}/versions/1", slug)
                .then().body("version", equalTo(1)).body("currentVersion", equalTo(2)).body("mcid.value", equalTo(4.0f));
        // nor can anything under the API change or remove it
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE instrument_version SET name = 'x'"
                    + " WHERE instrument_id = (SELECT id FROM instrument WHERE slug = '" + slug + "')"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM instrument_version"
                    + " WHERE instrument_id = (SELECT id FROM instrument WHERE slug = '" + slug + "')"));
        }
        given().when().get("/instruments/{slug}/versions/1", slug).then().statusCode(200).body("name",
                equalTo("Test scale"));
    }

    @Test
    void unsoundRulesAndHalfTextAreRefusedAndNothingIsStored() {
        String slug = uniqueSlug("scale");
        Map<String, Object> tooManyMissing = instrument(4.0);
        scoring(tooManyMissing).put("maxMissing", 5);
        refused(slug, tooManyMissing, "scoring.maxMissing");
        Map<String, Object> wrongRange = instrument(4.0);
        scoring(wrongRange).put("max", 100);
        refused(slug, wrongRange, "scoring.max");
        Map<String, Object> wideMcid = instrument(40.0);
        refused(slug, wideMcid, "mcid.value");
        Map<String, Object> halfText = instrument(4.0);
        items(halfText).get(0).put("text", "Only the first item has words");
        refused(slug, halfText, "items");
        Map<String, Object> repeatedItem = instrument(4.0);
        items(repeatedItem).get(1).put("id", "i1");
        refused(slug, repeatedItem, "items[1].id");
        Map<String, Object> unknownMethod = instrument(4.0);
        scoring(unknownMethod).put("method", "MEDIAN");
        given().contentType(ContentType.JSON).body(unknownMethod).when().post("/instruments/{slug}/versions", slug)
                .then().spec(problem(400, "validation"));
        refused("Bad Slug", instrument(4.0), "slug");
        given().when().get("/instruments/{slug}", slug).then().spec(problem(404, "not-found"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void licensedTextIsImportedItemForItemIntoItsOwnVersionOnly() {
        String slug = uniqueSlug("scale");
        given().contentType(ContentType.JSON).body(instrument(4.0)).post("/instruments/{slug}/versions", slug)
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(instrument(4.0)).post("/instruments/{slug}/versions", slug)
                .then().statusCode(201);

        given().contentType(ContentType.JSON).body(text(List.of("i1", "i2", "i3", "i4"), "v1 wording"))
                .when().put("/instruments/{slug}/versions/1/text", slug)
                .then().statusCode(200)
                .body("text", equalTo("IMPORTED")).body("textSource", equalTo("Test licence 42"))
                .body("items.text", contains("v1 wording i1", "v1 wording i2", "v1 wording i3", "v1 wording i4"));
        given().when().get("/instruments/{slug}/versions/1", slug)
                .then().body("text", equalTo("IMPORTED")).body("items[3].text", equalTo("v1 wording i4"))
                .body("items[3].labels.label", contains("none", "all"))
                .body("instructions", equalTo("Answer each item"));
        // scoped to its version: version 2 still has none
        given().when().get("/instruments/{slug}/versions/2", slug)
                .then().body("text", equalTo("NONE")).body("items.text", everyItem(nullValue()));
        given().when().get("/instruments").then().body("find { it.slug == '" + slug + "' }.text", equalTo("NONE"));

        // an unknown item, a missing one, a label outside the answers: refused, and version 1 keeps its text
        given().contentType(ContentType.JSON).body(text(List.of("i1", "i2", "i3", "i4", "i9"), "bad"))
                .when().put("/instruments/{slug}/versions/1/text", slug).then().spec(invalid("items[4].id"));
        given().contentType(ContentType.JSON).body(text(List.of("i1", "i2", "i3"), "bad"))
                .when().put("/instruments/{slug}/versions/1/text", slug).then().spec(invalid("items"))
                .body("errors[0].message", containsString("i4"));
        Map<String, Object> badLabel = text(List.of("i1", "i2", "i3", "i4"), "bad");
        ((List<Map<String, Object>>) ((List<Map<String, Object>>) badLabel.get("items")).get(0).get("labels")).get(1)
                .put("value", 7);
        given().contentType(ContentType.JSON).body(badLabel)
                .when().put("/instruments/{slug}/versions/1/text", slug).then().spec(invalid("items[0].labels[1].value"));
        given().when().get("/instruments/{slug}/versions/1", slug).then().body("items[0].text", equalTo("v1 wording i1"));

        // importing again replaces it
        given().contentType(ContentType.JSON).body(text(List.of("i4", "i3", "i2", "i1"), "newer"))
                .when().put("/instruments/{slug}/versions/1/text", slug).then().statusCode(200)
                .body("items.text", contains("newer i1", "newer i2", "newer i3", "newer i4"));

        // a version shipping its text takes no import; an unknown version is 404; only content editors import
        given().contentType(ContentType.JSON).body(text(List.of("pain"), "x"))
                .when().put("/instruments/nprs/versions/1/text").then().spec(problem(409, "conflict"));
        given().contentType(ContentType.JSON).body(text(List.of("i1", "i2", "i3", "i4"), "x"))
                .when().put("/instruments/{slug}/versions/3/text", slug).then().spec(problem(404, "not-found"));
        given().auth().oauth2(physio()).contentType(ContentType.JSON).body(text(List.of("i1", "i2", "i3", "i4"), "x"))
                .when().put("/instruments/{slug}/versions/1/text", slug).then().statusCode(403);
        given().auth().oauth2(physio()).contentType(ContentType.JSON).body(instrument(4.0))
                .when().post("/instruments/{slug}/versions", slug).then().statusCode(403);
        given().when().get("/instruments/{slug}/versions/1", slug).then().body("items[0].text", equalTo("newer i1"));
    }

    private static void refused(String slug, Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).when().post("/instruments/{slug}/versions", slug)
                .then().spec(invalid(field));
    }

    /** A four-item 0-4 scale summed to 0-16, its text left to import. */
    static Map<String, Object> instrument(double mcid) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Test scale");
        body.put("abbreviation", "TS");
        body.put("measures", "Nothing real: a scale for tests.");
        List<Map<String, Object>> items = new ArrayList<>();
        IntStream.rangeClosed(1, 4).forEach(i -> items.add(new HashMap<>(Map.of("id", "i" + i, "min", 0, "max", 4))));
        body.put("items", items);
        body.put("scoring", new HashMap<>(Map.of("method", "SUM", "maxMissing", 1, "min", 0, "max", 16,
                "direction", "HIGHER_IS_WORSE", "decimals", 1)));
        body.put("mcid", Map.of("value", mcid, "source", "made up for the test"));
        body.put("citation", "None: a test scale.");
        body.put("terms", "Test content.");
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scoring(Map<String, Object> instrument) {
        return (Map<String, Object>) instrument.get("scoring");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> instrument) {
        return (List<Map<String, Object>>) instrument.get("items");
    }

    private static Map<String, Object> text(List<String> ids, String prefix) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : ids) {
            items.add(new HashMap<>(Map.of("id", id, "text", prefix + " " + id, "labels",
                    new ArrayList<>(List.of(new HashMap<>(Map.of("value", 0, "label", "none")),
                            new HashMap<>(Map.of("value", 4, "label", "all")))))));
        }
        return new HashMap<>(Map.of("instructions", "Answer each item", "items", items, "source", "Test licence 42"));
    }
}
