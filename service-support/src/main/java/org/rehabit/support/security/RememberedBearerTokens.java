package org.rehabit.support.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first HTTP authentication mechanism a request meets: a bearer token {@link VerifiedTokens} already knows is
 * answered with its identity at once, without quarkus-oidc's mechanism, which for every request decodes the token's
 * claims (to tell a JWT from an opaque token) before it asks the identity providers, the cache among them, through a
 * chain of Mutiny steps that each capture and restore the request's contexts: together about a sixth of the
 * session-service's CPU samples under load. Any other request (no token, one not seen before, one that expired in
 * the cache) gets nothing from here and goes on to quarkus-oidc as before, which verifies or refuses it and
 * challenges the client; so this mechanism never challenges.
 */
@ApplicationScoped
public class RememberedBearerTokens implements HttpAuthenticationMechanism {

    private final VerifiedTokens verified;

    public RememberedBearerTokens(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        SecurityIdentity identity = verified.knownFor(context);
        return identity == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(identity);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem(); // quarkus-oidc's challenge (401 with WWW-Authenticate: Bearer)
    }

    /** Before quarkus-oidc's mechanism (the interface's default priority). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
