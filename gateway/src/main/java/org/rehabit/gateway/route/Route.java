package org.rehabit.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One public route that the gateway passes through to a service, declared once in {@link Routes}: the declaration
 * routes the request ({@link RouteHandlers}), checks its roles and writes its OpenAPI operation ({@link RouteDocument}).
 *
 * @param method      the HTTP method
 * @param path        the public path template, e.g. {@code /api/v1/patients/{id}/weights}
 * @param service     the service that answers it
 * @param downstream  the service's path template, with the same parameters
 * @param roles       the roles that may call it; empty: any signed-in user
 * @param kind        whether it reads (retried, and for the catalog kept for stale-if-error) or writes (never retried)
 * @param operationId the OpenAPI operationId (the name typed clients call it by)
 * @param summary     one line for the document
 * @param description more for the document, or null
 * @param tag         the document's tag
 * @param patterns    path parameters that only take some values (a regular expression each)
 * @param query       the query parameters it takes
 * @param idempotencyKey whether it takes an Idempotency-Key
 * @param ifMatch     whether it needs If-Match (an edit of a versioned resource)
 * @param body        its request body, or null when it takes none
 * @param success     the status of its usual answer (201 for a creating POST)
 */
public record Route(String method, String path, Service service, String downstream, Set<String> roles, Kind kind,
                    String operationId, String summary, String description, String tag, Map<String, String> patterns,
                    List<QueryParam> query, boolean idempotencyKey, boolean ifMatch, Body body, int success) {

    /** The services behind the gateway. */
    public enum Service {
        CATALOG("exercise catalog"), SESSION("session service");

        /** How a client-facing message names it. */
        public final String title;

        Service(String title) {
            this.title = title;
        }
    }

    /** Reads are idempotent (retried, cached for stale-if-error); writes are sent once. */
    public enum Kind {
        READ, WRITE
    }

    /** A request body: a JSON object the service validates, shown by an example. */
    public record Body(boolean required, String exampleName, String example) {
    }

    /**
     * A query parameter and the limits the service holds it to (the document shows them; the service checks them).
     *
     * @param type    string, integer, boolean or date
     * @param repeated whether it may be given more than once (a filter of several values)
     * @param values  the values it takes, or empty for any
     */
    public record QueryParam(String name, String type, boolean repeated, Integer min, Integer max,
                             List<String> values, String description) {

        public static QueryParam text(String name, int maxLength, String description) {
            return new QueryParam(name, "string", false, null, maxLength, List.of(), description);
        }

        public static QueryParam texts(String name, int maxLength, String description) {
            return new QueryParam(name, "string", true, null, maxLength, List.of(), description);
        }

        public static QueryParam integer(String name, int min, int max, String description) {
            return new QueryParam(name, "integer", false, min, max, List.of(), description);
        }

        public static QueryParam date(String name, String description) {
            return new QueryParam(name, "date", false, null, null, List.of(), description);
        }

        public static QueryParam oneOf(String name, String description, String... values) {
            return new QueryParam(name, "string", false, null, null, List.of(values), description);
        }
    }

    public boolean isRead() {
        return kind == Kind.READ;
    }
}
