package org.rehabit.gateway.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How the web app signs people in, and the headers that protect it. */
@ConfigMapping(prefix = "rehabit.web")
public interface WebAppConfig {

    /**
     * The OpenID Connect client id the web app signs in with (authorization code flow with PKCE, at the issuer
     * the gateway trusts tokens from). Without it the app offers no clinic sign-in.
     */
    Optional<String> oidcClientId();

    /** Scopes the web app asks the provider for. */
    @WithDefault("openid profile")
    String oidcScope();
}
