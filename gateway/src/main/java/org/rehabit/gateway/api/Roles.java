package org.rehabit.gateway.api;

/** The roles of PRODUCT.md, as the {@code groups} claim names them. */
final class Roles {

    static final String PATIENT = "patient";
    static final String PHYSIO = "physio";
    static final String CLINIC_ADMIN = "clinic-admin";
    static final String CONTENT_EDITOR = "content-editor";

    private Roles() {
    }
}
