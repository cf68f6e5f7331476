package org.rehabit.session.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** Stubs of the catalog's answers, shaped as the real catalog-service answers. */
public final class Catalog {

    private Catalog() {
    }

    /**
     * A published exercise the stub knows. Its default dose: 2 × 10 on both sides, but for the seated spinal twist,
     * done on each side (1 × 3, held 30 s), as the real catalog has it: logged per side.
     */
    public record Exercise(String slug, int version, String name, String defaultDose) {
        public static Exercise of(String slug, int version) {
            return new Exercise(slug, version, "Exercise " + slug, Fixtures.TWIST.equals(slug)
                    ? "{\"sets\":1,\"reps\":3,\"holdSeconds\":30,\"side\":\"EACH_SIDE\"}"
                    : "{\"sets\":2,\"reps\":10,\"side\":\"BOTH\"}");
        }
    }

    /**
     * Stubs POST /exercises/resolve for exactly {@code refs}: those in {@code published} resolve, the rest are
     * unresolved with the reason given in {@code refused}.
     */
    public static void resolve(List<String> refs, Map<String, Exercise> published, Map<String, String> refused) {
        List<String> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String ref : refs) {
            Exercise e = published.get(ref);
            if (e != null) {
                resolved.add("""
                        {"ref":"%s","exercise":{"slug":"%s","version":%d,"name":"%s","status":"PUBLISHED",
                         "defaultDose":%s,"steps":[{"role":"SETUP","instruction":"x"}]}}"""
                        .formatted(ref, e.slug(), e.version(), e.name(), e.defaultDose()));
            } else {
                unresolved.add("{\"ref\":\"%s\",\"reason\":\"%s\",\"detail\":\"no\"}"
                        .formatted(ref, refused.getOrDefault(ref, "NOT_FOUND")));
            }
        }
        String request = refs.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "{\"refs\":[", "]}"));
        CatalogStub.server().stubFor(post(urlEqualTo("/exercises/resolve"))
                .withRequestBody(equalToJson(request))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"resolved\":[" + String.join(",", resolved) + "],\"unresolved\":["
                                + String.join(",", unresolved) + "]}")));
    }

    /** Stubs GET /routine-templates/{slug} with items (slug, dose JSON) in order. */
    public static void template(String slug, List<Map.Entry<String, String>> items) {
        List<String> json = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            json.add("{\"position\":%d,\"exerciseSlug\":\"%s\",\"available\":true,\"dose\":%s,\"notes\":null}"
                    .formatted(i + 1, items.get(i).getKey(), items.get(i).getValue()));
        }
        CatalogStub.server().stubFor(get(urlEqualTo("/routine-templates/" + slug))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"slug\":\"%s\",\"name\":\"Starter\",\"condition\":null,\"items\":[%s]}"
                                .formatted(slug, String.join(",", json)))));
    }

    /** One published version with its content: steps (instructions in order) and cautions. */
    public record Version(String slug, int version, String name, String defaultDose, List<String> steps,
                          List<String> cautions) {

        public static Version of(String slug, int version, List<String> steps, List<String> cautions) {
            return new Version(slug, version, "Exercise " + slug, Exercise.of(slug, version).defaultDose(), steps,
                    cautions);
        }
    }

    /**
     * Stubs POST /exercises/resolve for exactly {@code refs} (bare slugs and slug@version): those in {@code versions}
     * resolve to that version; the rest are unresolved, RETIRED (naming {@code replacedBy}'s value, or none when it
     * maps to "") when in {@code retired}, NOT_FOUND otherwise.
     */
    public static void resolveVersions(List<String> refs, Map<String, Version> versions, Map<String, String> retired) {
        List<String> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String ref : refs) {
            Version v = versions.get(ref);
            if (v != null) {
                resolved.add("""
                        {"ref":"%s","exercise":{"slug":"%s","version":%d,"name":"%s","status":"PUBLISHED",
                         "defaultDose":%s,"steps":[%s],"cautions":[%s]}}"""
                        .formatted(ref, v.slug(), v.version(), v.name(), v.defaultDose(),
                                v.steps().stream().map(t -> "{\"role\":\"MOVE\",\"instruction\":\"" + t + "\"}")
                                        .collect(Collectors.joining(",")),
                                v.cautions().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))));
            } else if (retired.containsKey(ref)) {
                String replacement = retired.get(ref);
                unresolved.add("{\"ref\":\"%s\",\"reason\":\"RETIRED\",\"detail\":\"retired\",\"replacedBy\":%s}"
                        .formatted(ref, replacement.isEmpty() ? "null" : "\"" + replacement + "\""));
            } else {
                unresolved.add("{\"ref\":\"%s\",\"reason\":\"NOT_FOUND\",\"detail\":\"no\"}".formatted(ref));
            }
        }
        String request = refs.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "{\"refs\":[", "]}"));
        CatalogStub.server().stubFor(post(urlEqualTo("/exercises/resolve"))
                .withRequestBody(equalToJson(request))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"resolved\":[" + String.join(",", resolved) + "],\"unresolved\":["
                                + String.join(",", unresolved) + "]}")));
    }
}
