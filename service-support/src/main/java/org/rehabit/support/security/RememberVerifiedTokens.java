package org.rehabit.support.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands every identity made from a bearer token to {@link VerifiedTokens}, first of all augmentors (so what is kept
 * is what quarkus-oidc made, before any other augmentor adds to it; they run again on every cached identity).
 */
@ApplicationScoped
public class RememberVerifiedTokens implements SecurityIdentityAugmentor {

    private final VerifiedTokens verified;

    public RememberVerifiedTokens(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        verified.remember(identity);
        return Uni.createFrom().item(identity);
    }
}
