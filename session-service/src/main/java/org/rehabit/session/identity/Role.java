package org.rehabit.session.identity;

/** The roles of PRODUCT.md, as the {@code groups} claim of a token names them. */
public final class Role {

    public static final String PATIENT = "patient";
    public static final String PHYSIO = "physio";
    public static final String CLINIC_ADMIN = "clinic-admin";
    public static final String CONTENT_EDITOR = "content-editor";

    private Role() {
    }
}
