package org.rehabit.gateway.edge;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 answers written at the HTTP layer, before a request reaches a resource (and its exception mappers). */
final class EdgeProblems {

    private EdgeProblems() {
    }

    static void send(RoutingContext context, int status, String type, String title, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "urn:rehabit:problem:" + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", context.request().path());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
