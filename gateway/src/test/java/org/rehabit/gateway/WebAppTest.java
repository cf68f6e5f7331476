package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The gateway serves the web app: its page, its scripts, Chart.js from the WebJar, its sign-in settings, and the
 * headers that keep a browser safe with it.
 */
@QuarkusTest
@WithTestResource(org.rehabit.gateway.support.Downstreams.class)
class WebAppTest {

    @Test
    void servesTheAppWithAStrictContentSecurityPolicy() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<main id=\"main\""), containsString("/app/main.js"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-cache");
        given().when().get("/app/main.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/app/views/today.js").then().statusCode(200).body(containsString("outbox"));
        given().when().get("/app/outbox.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("'Idempotency-Key': entry.key"));
    }

    @Test
    void chartingComesFromTheWebJarWithoutAVersionInTheUrl() {
        given().when().get("/webjars/chart.js/dist/chart.umd.min.js").then().statusCode(200)
                .contentType(containsString("javascript"));
    }

    @Test
    void apiAnswersCarryTheProtectiveHeadersToo() {
        given().when().get("/api/v1/exercises").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void theOpenApiUiKeepsItsOwnScriptsButCannotBeFramed() {
        given().when().get("/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"));
    }

    @Test
    void signInSettingsNeedNoTokenAndListTheDemoUsersWithoutPasswords() {
        given().when().get("/app/config").then().statusCode(200)
                .body("demoLogins", equalTo(true))
                .body("demoUsers.username", hasItems("physio.riverside", "admin.riverside", "ada", "editor"))
                .body("demoUsers.find { it.username == 'ada' }.role", equalTo("patient"))
                .body(not(containsString("password")))
                .body("oidc", nullValue());
    }
}
