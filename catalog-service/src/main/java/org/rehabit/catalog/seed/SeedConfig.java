package org.rehabit.catalog.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the seed library loaded at start. */
@ConfigMapping(prefix = "rehabit.catalog.seed")
public interface SeedConfig {

    /** Whether to add the seed library's missing content at start. */
    @WithDefault("true")
    boolean enabled();

    /** Class-path location of the seed library. */
    @WithDefault("seed/catalog-seed.json")
    String resource();
}
