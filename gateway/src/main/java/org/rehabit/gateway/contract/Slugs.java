package org.rehabit.gateway.contract;

/** The shape of catalog slugs (exercises, conditions, templates), as the catalog checks it. */
final class Slugs {

    /** 3-80 lowercase letters, digits and single hyphens. */
    static final String PATTERN = "^(?=.{3,80}$)[a-z0-9]+(-[a-z0-9]+)*$";

    private Slugs() {
    }
}
