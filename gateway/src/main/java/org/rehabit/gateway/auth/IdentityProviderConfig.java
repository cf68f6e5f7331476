package org.rehabit.gateway.auth;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;

/**
 * The OpenID Connect provider the gateway trusts, checked when the configuration is read, before anything starts: in
 * the prod profile there must be one ({@code REHABIT_OIDC_ISSUER}), or the gateway refuses to start and says so.
 * (Left to quarkus-oidc, a missing issuer would only say that {@code quarkus.oidc.auth-server-url} is not set.)
 */
@ConfigMapping(prefix = "rehabit.oidc")
public interface IdentityProviderConfig {

    /** The issuer URL; the local installation's own outside the prod profile. */
    @Pattern(regexp = "https?://\\S+", message = "is not set: the prod profile needs your OpenID Connect provider. "
            + "Set REHABIT_OIDC_ISSUER to its issuer URL (docs/operations.md, \"Connect your identity provider\")")
    String issuer();
}
