package org.rehabit.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two catalog-service replicas on one database, as a deployment with two catalog pods has: each caches search
 * results, and a publish or retire through one shows in the very next search on both (the library generation both
 * read from the database before each search; nothing passes between the replicas themselves).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogReplicasIT {

    private EmbeddedPostgresServer postgres;
    private Platform one;
    private Platform two;
    private int portOne;
    private int portTwo;
    private Path dataOne;
    private Path dataTwo;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        postgres = EmbeddedPostgresServer.ephemeral();
        Platform.Database database = new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                "embedded PostgreSQL");
        portOne = Platform.freePort();
        portTwo = Platform.freePort();
        // one after the other: the first migrates and seeds the database, the second finds it ready
        dataOne = Files.createTempDirectory("rehabit-catalog-one");
        one = new Platform(root, dataOne, List.of(new Platform.Service("catalog-service", portOne,
                Platform.freePort(), "catalog", Map.of())));
        one.start(database);
        dataTwo = Files.createTempDirectory("rehabit-catalog-two");
        two = new Platform(root, dataTwo, List.of(new Platform.Service("catalog-service", portTwo,
                Platform.freePort(), "catalog", Map.of())));
        two.start(database);
    }

    @AfterAll
    void stop() {
        if (two != null) {
            two.close();
        }
        if (one != null) {
            one.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A request to replica one or two as {@code role} (each replica trusts its own installation key). */
    private RequestSpecification on(int replica, String role) {
        Path dataDir = replica == 1 ? dataOne : dataTwo;
        String token = LocalToken.sign(dataDir, "replicas-" + role, role, LocalToken.DEMO_CLINIC, null);
        return RestAssured.given().baseUri("http://localhost").port(replica == 1 ? portOne : portTwo)
                .auth().oauth2(token);
    }

    private int browseTotal(int replica) {
        return on(replica, "physio").queryParam("size", 1).when().get("/exercises")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void aPublishOrRetireOnOneReplicaShowsInTheNextSearchOnBoth() {
        // letters only: a hex suffix such as 00e2510e reads as a number to the text-search parser
        String word = UUID.randomUUID().toString().replaceAll("[^a-f]", "").replace('a', 'q') + "zed";
        String slug = "replica-reach-" + word;
        int library = browseTotal(1);
        // both replicas have "nothing found" and the library's size in their caches (each asked twice)
        for (int replica : new int[] {1, 2, 1, 2}) {
            on(replica, "physio").queryParam("q", word).when().get("/exercises")
                    .then().statusCode(200).body("items", empty());
            assertTotal(replica, library);
        }

        on(1, "content-editor").contentType(ContentType.JSON).body("""
                        {"slug": "%s", "name": "Reach %s", "summary": "Reach forward, then back.",
                         "purpose": "Shoulder mobility.", "category": "MOBILITY",
                         "bodyRegions": ["SHOULDER"], "startPosition": "STANDING", "equipment": [],
                         "difficulty": 1,
                         "steps": [{"role": "SETUP", "instruction": "Stand tall."},
                                   {"role": "MOVE", "instruction": "Reach both arms forward, then lower them."}],
                         "stopRules": ["Stop if pain spreads down the arm."],
                         "defaultDose": {"sets": 1, "reps": 10, "side": "BOTH"}, "licence": "CC-BY-4.0"}
                        """.formatted(slug, word))
                .when().post("/exercises").then().statusCode(201);
        on(1, "content-editor").when().post("/exercises/{slug}/publish", slug).then().statusCode(200);

        for (int replica : new int[] {1, 2}) {
            on(replica, "physio").queryParam("q", word).when().get("/exercises")
                    .then().statusCode(200).body("items.slug", contains(slug));
            assertTotal(replica, library + 1);
        }

        on(2, "content-editor").when().post("/exercises/{slug}/retire", slug).then().statusCode(200);
        for (int replica : new int[] {1, 2}) {
            on(replica, "physio").queryParam("q", word).when().get("/exercises")
                    .then().statusCode(200).body("items", empty());
            assertTotal(replica, library);
        }
    }

    private void assertTotal(int replica, int total) {
        on(replica, "physio").queryParam("size", 1).when().get("/exercises")
                .then().statusCode(200).body("total", equalTo(total));
    }
}
