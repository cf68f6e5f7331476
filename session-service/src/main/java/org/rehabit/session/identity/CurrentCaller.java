package org.rehabit.session.identity;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.rehabit.session.staff.StaffService;

import java.util.Optional;
import java.util.UUID;

/**
 * The {@link Caller} of the current request, read once from its verified access token: the roles as the security
 * identity has them (from the configured roles claims, e.g. {@code groups} or Keycloak's {@code realm_access.roles}),
 * clinic and patient from the {@code clinic_id} and {@code patient_id} claims. A physio or clinic-admin read here
 * becomes known staff of their clinic ({@link StaffService#seen}).
 */
@RequestScoped
public class CurrentCaller {

    static final String CLINIC_CLAIM = "clinic_id";
    static final String PATIENT_CLAIM = "patient_id";

    private static final Logger LOG = Logger.getLogger(CurrentCaller.class);

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final StaffService staff;
    private Caller caller;

    public CurrentCaller(JsonWebToken token, SecurityIdentity identity, StaffService staff) {
        this.token = token;
        this.identity = identity;
        this.staff = staff;
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
        try {
            staff.seen(read, displayName());
        } catch (RuntimeException e) {
            // not recorded this time (remembered only once written): the next request tries again
            LOG.warnf(e, "Could not record staff member %s of clinic %s", read.subject(), read.clinicId());
        }
        return read;
    }

    /** The token's {@code name}, else {@code preferred_username} (null when neither). */
    private String displayName() {
        Object name = token.getClaim("name");
        if (name == null || name.toString().isBlank()) {
            name = token.getClaim("preferred_username");
        }
        return name instanceof jakarta.json.JsonString json ? json.getString() : name == null ? null : name.toString();
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
