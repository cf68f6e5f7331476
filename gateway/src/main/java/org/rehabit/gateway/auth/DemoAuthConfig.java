package org.rehabit.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.Optional;

/** The demo token issuer: off unless enabled, and only ever in the dev, test and local profiles ({@link DemoLogins}). */
@ConfigMapping(prefix = "rehabit.demo-auth")
public interface DemoAuthConfig {

    /** Whether {@code POST /auth/token} issues tokens for the seeded demo users (in the dev, test and local profiles). */
    @WithDefault("false")
    boolean enabled();

    /** PEM private key the demo tokens are signed with (the local installation's key). */
    Optional<String> privateKey();

    /** The demo users' password. */
    @WithDefault("demo")
    String password();

    /** Lifetime of a demo token, in seconds: 1 to 86,400 (a day), as the OpenAPI document's Token.expiresIn says. */
    @WithDefault("28800")
    @Min(1)
    @Max(86_400)
    long lifetimeSeconds();
}
