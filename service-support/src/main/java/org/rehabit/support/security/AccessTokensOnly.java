package org.rehabit.support.security;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

/**
 * What quarkus-oidc checks of every bearer token besides signature, issuer, audience and expiry, whether the key comes
 * from the provider or is configured ({@code quarkus.oidc.public-key}, which skips some of quarkus-oidc's own checks):
 * the token is an access token and names its subject. An ID token carries the same issuer, often the same audience
 * and claims, but says who signed in to the web app, not what it may call: Keycloak marks its tokens with a
 * {@code typ} claim ({@code Bearer} for access tokens, {@code ID}, {@code Refresh}, {@code Logout} for others), and
 * any {@code typ} other than Bearer is refused. Providers that set no {@code typ} are told apart by audience.
 */
@Unremovable
@ApplicationScoped
public class AccessTokensOnly implements Validator {

    static final String ACCESS = "Bearer";

    @Override
    public String validate(JwtContext context) throws MalformedClaimException {
        var claims = context.getJwtClaims();
        Object type = claims.getClaimValue("typ");
        if (type != null && !ACCESS.equalsIgnoreCase(type.toString())) {
            return "A token of type " + type + " is no access token";
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            return "The token names no subject (sub)";
        }
        return null;
    }
}
