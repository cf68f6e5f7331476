package org.rehabit.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.rehabit.gateway.catalog.CatalogClient;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamError;
import org.rehabit.support.Unavailable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Full content of pinned exercise versions ({@code slug@version}), from an in-process cache (bounded,
 * with metrics; see {@code quarkus.cache.caffeine.exercise-versions.*}) or, for what it lacks, from one
 * batch call to the catalog. Pinned versions are published and never change, so caching them is safe;
 * when the catalog is down, what the cache holds is still served and the answer says it is degraded.
 */
@ApplicationScoped
public class ExerciseContent {

    private final CatalogClient catalog;
    private final CaffeineCache cache;
    private final ObjectMapper json;

    public ExerciseContent(CatalogClient catalog, @CacheName("exercise-versions") Cache cache, ObjectMapper json) {
        this.catalog = catalog;
        this.cache = cache.as(CaffeineCache.class);
        this.json = json;
    }

    /** The content found for each ref, and whether some could not be had because the catalog was down. */
    public record Found(Map<String, JsonNode> byRef, boolean degraded) {
    }

    public Found lookup(Collection<String> refs) {
        Map<String, JsonNode> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String ref : refs) {
            CompletableFuture<Object> cached = cache.getIfPresent(ref);
            if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
                found.put(ref, (JsonNode) cached.join());
            } else {
                missing.add(ref);
            }
        }
        if (missing.isEmpty()) {
            return new Found(found, false);
        }
        try {
            ObjectNode request = json.createObjectNode();
            missing.forEach(request.putArray("refs")::add);
            Downstream answer = catalog.read(api -> api.resolve(request.toString()));
            if (answer.isSuccess() && answer.body() != null) {
                for (JsonNode resolved : json.readTree(answer.body()).path("resolved")) {
                    JsonNode exercise = resolved.path("exercise");
                    String ref = resolved.path("ref").asText();
                    found.put(ref, exercise);
                    cache.put(ref, CompletableFuture.completedFuture(exercise));
                }
            }
            return new Found(found, false);
        } catch (Unavailable | DownstreamError e) {
            return new Found(found, true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The catalog's answer is not JSON", e);
        }
    }
}
