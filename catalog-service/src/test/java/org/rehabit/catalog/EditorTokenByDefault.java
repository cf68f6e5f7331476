package org.rehabit.catalog;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/**
 * Every catalog test request carries a content editor's token unless the test says otherwise
 * ({@code given().auth().none()} or another {@code auth().oauth2(...)}): most tests are about content, and
 * {@link CatalogSecurityTest} is about who may do what.
 */
public class EditorTokenByDefault implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.oauth2(token("test-editor", "content-editor"));
    }

    /** A token signed with the test key, as the gateway or an OpenID Connect provider would issue it. */
    static String token(String subject, String role) {
        return Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject(subject)
                .groups(Set.of(role)).claim("clinic_id", "0c1a1c00-0000-4000-8000-000000000001").sign();
    }
}
