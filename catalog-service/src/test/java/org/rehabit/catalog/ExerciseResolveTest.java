package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.rehabit.catalog.CatalogFixtures.create;
import static org.rehabit.catalog.CatalogFixtures.createPublished;
import static org.rehabit.catalog.CatalogFixtures.exercise;
import static org.rehabit.catalog.CatalogFixtures.invalid;
import static org.rehabit.catalog.CatalogFixtures.retire;
import static org.rehabit.catalog.CatalogFixtures.uniqueSlug;
import static org.rehabit.catalog.CatalogFixtures.update;

/** Batch resolution of exercise references, as other services pin a program's exercises. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ExerciseResolveTest {

    @Test
    void everyReferenceIsAnsweredInTheOrderSent() {
        String draftOnly = uniqueSlug("resolve-draft");
        create(exercise(draftOnly));
        String retired = uniqueSlug("resolve-retired");
        createPublished(exercise(retired));
        retire(retired);
        String unknown = uniqueSlug("resolve-unknown");

        given().contentType(ContentType.JSON)
                .body(Map.of("refs", List.of("shoulder-circles", unknown, "chin-tuck@1", "chin-tuck@99", draftOnly,
                        retired, retired + "@1", draftOnly + "@1")))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("resolved.ref", contains("shoulder-circles", "chin-tuck@1", retired + "@1"))
                .body("resolved.exercise.slug", contains("shoulder-circles", "chin-tuck", retired))
                .body("resolved.exercise.version", contains(1, 1, 1))
                .body("resolved.exercise.status", contains("PUBLISHED", "PUBLISHED", "RETIRED"))
                .body("resolved[0].exercise.startPosition", equalTo("STANDING"))
                .body("resolved[0].exercise.steps", not(empty()))
                .body("unresolved.ref", contains(unknown, "chin-tuck@99", draftOnly, retired, draftOnly + "@1"))
                .body("unresolved.reason",
                        contains("NOT_FOUND", "VERSION_NOT_FOUND", "NOT_PUBLISHED", "RETIRED", "NOT_PUBLISHED"))
                .body("unresolved.detail", everyItem(not(blankOrNullString())));
    }

    @Test
    void aRetiredExerciseNamesItsReplacementWhenItsEditorGaveOne() {
        String old = uniqueSlug("resolve-replaced");
        String successor = uniqueSlug("resolve-successor");
        String plain = uniqueSlug("resolve-plain");
        createPublished(exercise(old));
        createPublished(exercise(successor));
        createPublished(exercise(plain));

        // the replacement must be another published, unretired exercise
        given().queryParam("replacedBy", old).when().post("/exercises/{slug}/retire", old)
                .then().spec(invalid("replacedBy"));
        given().queryParam("replacedBy", uniqueSlug("resolve-nobody")).when().post("/exercises/{slug}/retire", old)
                .then().spec(invalid("replacedBy"));

        given().queryParam("replacedBy", successor).when().post("/exercises/{slug}/retire", old)
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        retire(plain);
        // retiring again is a conflict, whatever replacedBy names (here an exercise that is retired itself)
        given().queryParam("replacedBy", plain).when().post("/exercises/{slug}/retire", old)
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("already retired"));

        given().contentType(ContentType.JSON).body(Map.of("refs", List.of(old, plain, old + "@1")))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("resolved.ref", contains(old + "@1"))
                .body("unresolved.ref", contains(old, plain))
                .body("unresolved.reason", contains("RETIRED", "RETIRED"))
                .body("unresolved[0].replacedBy", equalTo(successor))
                .body("unresolved[0].detail", org.hamcrest.Matchers.containsString(successor))
                .body("unresolved[1].replacedBy", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aBareSlugResolvesToTheCurrentVersionAndAPinnedOneStaysPinned() {
        String slug = uniqueSlug("resolve-versions");
        Map<String, Object> v1 = exercise(slug);
        String etag = createPublished(v1);
        Map<String, Object> v2 = exercise(slug);
        v2.put("summary", "The second version.");
        update(slug, etag, v2);
        CatalogFixtures.publish(slug);

        given().contentType(ContentType.JSON).body(Map.of("refs", List.of(slug, slug + "@1", slug + "@2")))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("resolved.exercise.version", contains(2, 1, 2))
                .body("resolved.exercise.summary", contains("The second version.", v1.get("summary"),
                        "The second version."))
                .body("unresolved", empty());
    }

    @Test
    void anEmptyOrMissingListIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("refs", List.of()))
                .when().post("/exercises/resolve")
                .then().spec(invalid("refs"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/exercises/resolve")
                .then().spec(invalid("refs"));
        given().contentType(ContentType.JSON)
                .when().post("/exercises/resolve")
                .then().spec(invalid("body"));
    }

    @Test
    void moreThanTwoHundredReferencesAreRefused() {
        List<String> refs = new ArrayList<>(Collections.nCopies(201, "chin-tuck"));
        given().contentType(ContentType.JSON).body(Map.of("refs", refs))
                .when().post("/exercises/resolve")
                .then().spec(invalid("refs"));

        // two hundred are fine
        given().contentType(ContentType.JSON).body(Map.of("refs", refs.subList(0, 200)))
                .when().post("/exercises/resolve")
                .then().statusCode(200)
                .body("resolved", hasSize(200));
    }

    @Test
    void aMalformedReferenceIsRefusedByPosition() {
        given().contentType(ContentType.JSON)
                .body(Map.of("refs", List.of("chin-tuck", "Chin Tuck!", "chin-tuck@0", "chin-tuck@2@3")))
                .when().post("/exercises/resolve")
                .then().spec(invalid("refs[1]", "refs[2]", "refs[3]"))
                .body("errors", hasSize(3));
    }
}
