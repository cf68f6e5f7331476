package org.rehabit.gateway.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rehabit.gateway.downstream.Downstream;

/**
 * The last answer of every catalog read, for stale-if-error: every successful answer is kept (keyed by the public
 * path and query, in a cache bounded by its size in bytes, {@code rehabit.catalog.stale-cache-size}), and while the
 * catalog cannot answer (down, failing, breaker open) the route handler serves the last answer kept again, marked
 * {@code Warning: 110 - "Response is stale"}. The catalog answers these reads the same for every signed-in caller,
 * so one answer serves all. Fresh answers always come from the catalog: this is no cache in front of it.
 */
@ApplicationScoped
public class CatalogReads {

    /** The standard warning (RFC 7234) said on an answer served from the stale copy. */
    public static final String STALE_WARNING = "110 - \"Response is stale\"";

    private final Cache<String, Downstream> stale;

    public CatalogReads(@ConfigProperty(name = "rehabit.catalog.stale-cache-size", defaultValue = "16M")
                        MemorySize size) {
        this.stale = Caffeine.newBuilder()
                .maximumWeight(size.asLongValue())
                .<String, Downstream>weigher((key, answer) -> key.length() * 2 + 256
                        + (answer.body() == null ? 0 : answer.body().length))
                .build();
    }

    /** Keeps a successful answer to this public path and query. */
    public void keep(String uri, Downstream answer) {
        stale.put(uri, answer);
    }

    /** The last answer kept for this public path and query, or null. */
    public Downstream kept(String uri) {
        return stale.getIfPresent(uri);
    }

    /** Forgets every kept answer (tests). */
    public void clear() {
        stale.invalidateAll();
    }
}
