package org.rehabit.gateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.gateway.auth.DemoLogins;
import org.rehabit.gateway.auth.DemoUsers;
import org.rehabit.gateway.auth.IdentityProviderConfig;

import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /app/config}: what the web app needs before anyone signs in — whether demo logins are on (and who
 * the demo users are), and the OpenID Connect provider to send clinic staff and patients to. Nothing secret.
 */
@Path("/app/config")
@Tag(name = "Web app")
public class AppConfigResource {

    private final DemoLogins demo;
    private final WebAppConfig web;
    private final String issuer;

    public AppConfigResource(DemoLogins demo, WebAppConfig web, IdentityProviderConfig provider) {
        this.demo = demo;
        this.web = web;
        this.issuer = provider.issuer();
    }

    /** The web app's start-up settings. */
    public record AppConfig(boolean demoLogins, @Size(max = 20) List<DemoUser> demoUsers, Oidc oidc) {
    }

    /** A demo user as the login page lists them (no password: it is the same for all and said on the page). */
    public record DemoUser(@Size(max = 100) String username, @Size(max = 120) String name,
                           @Schema(enumeration = {"patient", "physio", "clinic-admin", "content-editor"}) String role) {
    }

    /** Where to sign in: the issuer's discovery document names the endpoints. */
    public record Oidc(@Size(max = 2000) @Schema(format = "uri") String issuer, @Size(max = 255) String clientId,
                       @Size(max = 1000) String scope) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The web app's sign-in settings (no authentication needed; nothing secret)")
    public AppConfig config() {
        List<DemoUser> users = !demo.available() ? List.of() : DemoUsers.all().stream()
                .sorted(Comparator.comparing(DemoUsers.User::clinicId).thenComparing(DemoUsers.User::role)
                        .thenComparing(DemoUsers.User::username))
                .map(u -> new DemoUser(u.username(), u.name(), u.role()))
                .toList();
        Oidc oidc = web.oidcClientId().map(client -> new Oidc(issuer, client, web.oidcScope())).orElse(null);
        return new AppConfig(demo.available(), users, oidc);
    }
}
