package org.rehabit.gateway.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamError;
import org.rehabit.support.Unavailable;

import java.util.function.Function;

/**
 * Catalog reads with stale-if-error: every successful answer is kept (keyed by the public path and query, in a
 * cache bounded by its size in bytes, {@code rehabit.catalog.stale-cache-size}), and while the catalog cannot
 * answer (down, failing, breaker open) the last answer kept is served again, marked
 * {@code Warning: 110 - "Response is stale"}. The catalog answers these reads the same for every signed-in caller,
 * so one answer serves all. Fresh answers always come from the catalog: this is no cache in front of it.
 */
@ApplicationScoped
public class CatalogReads {

    /** The standard warning (RFC 7234) said on an answer served from the stale copy. */
    public static final String STALE_WARNING = "110 - \"Response is stale\"";

    private static final Logger LOG = Logger.getLogger(CatalogReads.class);

    private final CatalogClient catalog;
    private final HttpServerRequest request;
    private final Cache<String, Downstream> stale;

    public CatalogReads(CatalogClient catalog, HttpServerRequest request,
                        @ConfigProperty(name = "rehabit.catalog.stale-cache-size", defaultValue = "16M")
                        MemorySize size) {
        this.catalog = catalog;
        this.request = request;
        this.stale = Caffeine.newBuilder()
                .maximumWeight(size.asLongValue())
                .<String, Downstream>weigher((key, answer) -> key.length() * 2 + 256
                        + (answer.body() == null ? 0 : answer.body().length))
                .build();
    }

    /** The catalog's answer to this request, or the last one kept for it while the catalog cannot answer. */
    public Response read(Function<CatalogApi, Response> call) {
        String key = request.uri();
        Downstream answer;
        try {
            answer = catalog.read(call);
        } catch (Unavailable | DownstreamError e) {
            Downstream kept = stale.getIfPresent(key);
            if (kept == null) {
                throw e;
            }
            LOG.warnf("%s answered from its stale copy: %s", request.path(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return Response.fromResponse(kept.toResponse()).header("Warning", STALE_WARNING).build();
        }
        if (answer.status() == 200 && answer.body() != null) {
            stale.put(key, answer);
        }
        return answer.toResponse();
    }

    /** Forgets every kept answer (tests). */
    public void clear() {
        stale.invalidateAll();
    }
}
