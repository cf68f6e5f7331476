package org.rehabit.support.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses to start a service that could verify no token: without an OpenID Connect provider
 * ({@code REHABIT_OIDC_ISSUER}) or a verification key ({@code quarkus.oidc.public-key}, the local installation's) quarkus-oidc would only log
 * a warning and answer every request 401. Where the provider is required, the gateway in the prod profile, a key
 * alone is not enough either: a production installation follows its provider's keys as they rotate.
 */
@ApplicationScoped
public class IdentityProviderCheck {

    static final String HOW = "Set REHABIT_OIDC_ISSUER to your OpenID Connect provider's issuer URL "
            + "(docs/operations.md, \"Connect your identity provider\").";

    void check(@Observes StartupEvent event,
               @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
               @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
               @ConfigProperty(name = "rehabit.oidc.provider-required-in-prod", defaultValue = "false")
               boolean providerRequiredInProd) {
        problem(issuer, publicKey, providerRequiredInProd && ConfigUtils.getProfiles().contains("prod"))
                .ifPresent(message -> {
                    throw new IllegalStateException(message);
                });
    }

    /** What is wrong with these settings, if anything. */
    static Optional<String> problem(Optional<String> issuer, Optional<String> publicKey, boolean providerRequired) {
        boolean hasIssuer = issuer.filter(s -> !s.isBlank()).isPresent();
        boolean hasKey = publicKey.filter(s -> !s.isBlank()).isPresent();
        if (hasIssuer) {
            return Optional.empty();
        }
        if (providerRequired) {
            return Optional.of("No identity provider is configured for the prod profile: tokens cannot be verified. "
                    + HOW);
        }
        return hasKey ? Optional.empty()
                : Optional.of("No identity provider and no token verification key are configured: every request "
                        + "would be refused. " + HOW);
    }
}
