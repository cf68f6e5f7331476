package org.rehabit.gateway.api;

/** The roles of PRODUCT.md, as the token's roles claim (e.g. {@code groups} or {@code realm_access.roles}) names them. */
public final class Roles {

    public static final String PATIENT = "patient";
    public static final String PHYSIO = "physio";
    public static final String CLINIC_ADMIN = "clinic-admin";
    public static final String CONTENT_EDITOR = "content-editor";
    /** Every role Rehabit knows; a provider's own roles (e.g. Keycloak's {@code offline_access}) are no part of it. */
    public static final java.util.Set<String> ALL = java.util.Set.of(PATIENT, PHYSIO, CLINIC_ADMIN, CONTENT_EDITOR);

    private Roles() {
    }
}
