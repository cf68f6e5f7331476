package org.rehabit.session;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Management;
import org.rehabit.support.PostgresVersion;

import javax.sql.DataSource;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skeleton session-service boots, reaches its database and reports so. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(org.rehabit.session.support.CatalogStub.class)
class HealthTest {

    @Inject
    Vertx vertx;

    /** Vert.x runs on Netty's epoll transport (Linux), not Java NIO: the dependency and the setting are both there. */
    @Test
    void runsOnTheNativeTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to Java NIO");
    }

    @Inject
    DataSource dataSource;

    /**
     * Start-up checked the server's version (at least 15), and it is the one the build chose: a pass meant for
     * PostgreSQL 15 really ran on 15 (the major of {@code rehabit.postgres.binaries}, unless
     * {@code REHABIT_TEST_DB_URL} names another server).
     */
    @Test
    void runsOnTheChosenSupportedPostgresql() {
        String version = PostgresVersion.check(dataSource);
        assertEquals(Optional.empty(), PostgresTestResource.versionMismatch(version));
    }

    @Test
    void readinessIncludesTheDatabase() {
        Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void livenessAndOpenApiAnswer() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("Rehabit session-service"));
    }
}
