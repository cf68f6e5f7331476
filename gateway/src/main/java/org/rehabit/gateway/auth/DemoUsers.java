package org.rehabit.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The people of the demo installation: two clinics, each with an admin, a physio and patients, and a content
 * editor. The patients' ids are those the session-service's demo data registers.
 */
public final class DemoUsers {

    public static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    public static final UUID HILLVIEW = UUID.fromString("0c1a1c00-0000-4000-8000-000000000002");

    /** A demo user and the claims their token carries. */
    public record User(String username, String role, UUID clinicId, UUID patientId, String name) {
    }

    private static final Map<String, User> USERS = Map.of(
            "admin.riverside", new User("admin.riverside", "clinic-admin", RIVERSIDE, null, "Rita Admin"),
            "physio.riverside", new User("physio.riverside", "physio", RIVERSIDE, null, "Paul Physio"),
            "ada", new User("ada", "patient", RIVERSIDE, UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1"),
                    "Ada L."),
            "ben", new User("ben", "patient", RIVERSIDE, UUID.fromString("9a7e0000-0000-4000-8000-0000000000a2"),
                    "Ben K."),
            "admin.hillview", new User("admin.hillview", "clinic-admin", HILLVIEW, null, "Hana Admin"),
            "physio.hillview", new User("physio.hillview", "physio", HILLVIEW, null, "Hugo Physio"),
            "cleo", new User("cleo", "patient", HILLVIEW, UUID.fromString("9a7e0000-0000-4000-8000-0000000000b1"),
                    "Cleo M."),
            "editor", new User("editor", "content-editor", RIVERSIDE, null, "Eve Editor"));

    private DemoUsers() {
    }

    public static Optional<User> find(String username) {
        return Optional.ofNullable(username == null ? null : USERS.get(username));
    }

    public static java.util.Collection<User> all() {
        return USERS.values();
    }
}
