package org.rehabit.catalog.seed;

/**
 * The library Rehabit ships with ({@code seed/catalog-seed.json}): added to a new database; on a database it was
 * loaded into at start by earlier versions, recognized (nothing duplicated) and given its pictures where missing.
 */
public class V6__Seed_library extends SeedMigration {

    /** The library's file; tests read it too. */
    public static final String RESOURCE = "seed/catalog-seed.json";

    @Override
    protected String resource() {
        return RESOURCE;
    }

    @Override
    protected boolean recognizesEarlierLoads() {
        return true;
    }
}
