package org.rehabit.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.support.NotFound;
import org.rehabit.support.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /auth/token}: tokens for the seeded demo users, for local use and demos only. Off unless
 * {@code rehabit.demo-auth.enabled=true}, and refused (404) outside the dev, test and local profiles even then
 * ({@link DemoLogins}): there tokens come from the clinic's OpenID Connect provider.
 */
@Path("/auth/token")
@Tag(name = "Demo login")
public class TokenResource {

    private final DemoAuthConfig config;
    private final DemoLogins demoLogins;
    private final String issuer;
    private final String audience;
    private PrivateKey key;

    public TokenResource(DemoAuthConfig config, DemoLogins demoLogins,
                         @ConfigProperty(name = "quarkus.oidc.token.issuer") String issuer,
                         @ConfigProperty(name = "quarkus.oidc.token.audience") List<String> audience) {
        this.config = config;
        this.demoLogins = demoLogins;
        this.issuer = issuer;
        this.audience = audience.get(0);
    }

    /** A demo login. */
    public record Login(@NotBlank @Size(max = 100) String username, @NotNull @Size(max = 100) String password) {
    }

    /** What a login gets: a bearer token and what it says. */
    public record Token(
            @NotNull @Size(max = 8192) @Schema(description = "A signed JWT: send it as Authorization: Bearer ...")
            String accessToken,
            @NotNull @Schema(enumeration = "Bearer") String tokenType,
            @Min(1) @Max(86_400) @Schema(description = "Seconds until the token expires") long expiresIn,
            @NotNull @Schema(enumeration = {"patient", "physio", "clinic-admin", "content-editor"}) String role,
            @NotNull @Size(max = 36) @Schema(format = "uuid") String clinicId,
            @Size(max = 36) @Schema(format = "uuid") String patientId,
            @NotNull @Size(max = 120) String name) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in as a demo user (local and demo installations only)")
    public Token login(@NotNull @Valid Login login) {
        if (!demoLogins.available()) {
            throw new NotFound(demoLogins.refusal());
        }
        DemoUsers.User user = DemoUsers.find(login.username())
                .filter(u -> MessageDigest.isEqual(login.password().getBytes(StandardCharsets.UTF_8),
                        config.password().getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> InvalidInput.of("username", "unknown demo user or wrong password"));
        Instant now = Instant.now();
        var claims = Jwt.issuer(issuer).audience(audience).subject(user.username()).groups(Set.of(user.role()))
                .claim("clinic_id", user.clinicId().toString()).claim("name", user.name())
                // an access token, as an OpenID Connect provider's say (Keycloak: typ Bearer; ID tokens say ID)
                .claim("typ", "Bearer")
                .issuedAt(now).expiresAt(now.plusSeconds(config.lifetimeSeconds()));
        if (user.patientId() != null) {
            claims.claim("patient_id", user.patientId().toString());
        }
        return new Token(claims.sign(key()), "Bearer", config.lifetimeSeconds(), user.role(),
                user.clinicId().toString(), user.patientId() == null ? null : user.patientId().toString(),
                user.name());
    }

    private synchronized PrivateKey key() {
        if (key == null) {
            String location = config.privateKey().orElseThrow(
                    () -> new IllegalStateException("rehabit.demo-auth.private-key is not set"));
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(java.nio.file.Path.of(location.replaceFirst("^file:", ""))));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the demo signing key " + location, e);
            }
        }
        return key;
    }
}
