package org.rehabit.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.rehabit.gateway.catalog.CatalogClient;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamError;
import org.rehabit.support.Unavailable;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the catalog knows about the exercises patients were assigned: for each dashboard row, the pinned
 * exercises that have a newer published version (a physio may re-pin) or were retired since (a physio should
 * replace them). One batch call to the catalog for the slugs of the page it does not know yet: what it learns is
 * kept per slug for a short while ({@code exercise-currency}, a minute by default), so a busy dashboard does not
 * fetch full exercise content on every view, and a republished exercise shows within that minute.
 */
@ApplicationScoped
public class ExerciseUpdates {

    /** A slug's current published version, or 0 when it is retired. */
    private static final int RETIRED = 0;

    private final CatalogClient catalog;
    private final ObjectMapper json;
    private final CaffeineCache currency;

    public ExerciseUpdates(CatalogClient catalog, ObjectMapper json, @CacheName("exercise-currency") Cache currency) {
        this.catalog = catalog;
        this.json = json;
        this.currency = currency.as(CaffeineCache.class);
    }

    /**
     * Adds {@code exerciseUpdates} to every row of {@code rows} (each with {@code programExercises} as
     * {@code slug@version}); false when the catalog could not be asked (rows are then left as they were).
     */
    public boolean annotate(JsonNode rows) {
        Set<String> slugs = new LinkedHashSet<>();
        rows.forEach(row -> row.path("programExercises").forEach(ref -> slugs.add(slug(ref.asText()))));
        if (slugs.isEmpty()) {
            return true;
        }
        Map<String, Integer> current = new HashMap<>();
        Set<String> retired = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String slug : slugs) {
            CompletableFuture<Object> known = currency.getIfPresent(slug);
            int version = known == null ? -1 : (Integer) known.join();
            if (known == null) {
                unknown.add(slug);
            } else if (version == RETIRED) {
                retired.add(slug);
            } else {
                current.put(slug, version);
            }
        }
        if (!unknown.isEmpty() && !ask(unknown, current, retired)) {
            return false;
        }
        for (JsonNode row : rows) {
            ArrayNode updates = ((ObjectNode) row).putArray("exerciseUpdates");
            for (JsonNode ref : row.path("programExercises")) {
                String slug = slug(ref.asText());
                int pinned = version(ref.asText());
                Integer now = current.get(slug);
                if (retired.contains(slug) || (now != null && now > pinned)) {
                    ObjectNode update = updates.addObject();
                    update.put("exercise", slug);
                    update.put("pinnedVersion", pinned);
                    if (now != null) {
                        update.put("currentVersion", now);
                    }
                    update.put("retired", retired.contains(slug));
                }
            }
        }
        return true;
    }

    /** Asks the catalog about {@code slugs} and remembers the answers; false when it could not be asked. */
    private boolean ask(Set<String> slugs, Map<String, Integer> current, Set<String> retired) {
        try {
            ObjectNode request = json.createObjectNode();
            slugs.forEach(request.putArray("refs")::add);
            Downstream answer = catalog.read(api -> api.resolve(request.toString()));
            if (!answer.isSuccess() || answer.body() == null) {
                return false;
            }
            JsonNode result = json.readTree(answer.body());
            result.path("resolved").forEach(r -> {
                current.put(r.path("ref").asText(), r.path("exercise").path("version").asInt());
                currency.put(r.path("ref").asText(),
                        CompletableFuture.completedFuture(r.path("exercise").path("version").asInt()));
            });
            result.path("unresolved").forEach(u -> {
                if ("RETIRED".equals(u.path("reason").asText())) {
                    retired.add(u.path("ref").asText());
                    currency.put(u.path("ref").asText(), CompletableFuture.completedFuture(RETIRED));
                }
            });
        } catch (Unavailable | DownstreamError e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("The catalog's answer is not JSON", e);
        }
        return true;
    }

    private static String slug(String ref) {
        int at = ref.lastIndexOf('@');
        return at < 0 ? ref : ref.substring(0, at);
    }

    private static int version(String ref) {
        int at = ref.lastIndexOf('@');
        return at < 0 ? 0 : Integer.parseInt(ref.substring(at + 1));
    }
}
