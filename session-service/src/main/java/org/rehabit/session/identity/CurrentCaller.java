package org.rehabit.session.identity;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * The {@link Caller} of the current request, read once from its verified access token: the roles as the security
 * identity has them (from the configured roles claims, e.g. {@code groups} or Keycloak's {@code realm_access.roles}),
 * clinic and patient from the {@code clinic_id} and {@code patient_id} claims.
 */
@RequestScoped
public class CurrentCaller {

    static final String CLINIC_CLAIM = "clinic_id";
    static final String PATIENT_CLAIM = "patient_id";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        if (token == null || token.getRawToken() == null) {
            throw new UnauthorizedException();
        }
        UUID clinic = uuidClaim(CLINIC_CLAIM).orElseThrow(() -> new ForbiddenException("The token names no clinic"));
        Optional<UUID> patient = uuidClaim(PATIENT_CLAIM);
        Caller read = new Caller(token.getSubject(), identity.getRoles(), clinic, patient);
        if (read.isPatient() && patient.isEmpty()) {
            throw new ForbiddenException("A patient token names no patient");
        }
        return read;
    }

    private Optional<UUID> uuidClaim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("The token's " + name + " is not an id");
        }
    }
}
