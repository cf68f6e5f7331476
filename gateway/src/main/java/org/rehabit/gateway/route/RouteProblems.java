package org.rehabit.gateway.route;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.rehabit.support.Problem;

/** The RFC 9457 answers the route handlers give themselves, the same as the services' and the JAX-RS resources'. */
final class RouteProblems {

    private RouteProblems() {
    }

    static void send(RoutingContext context, int status, String type, String title, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "urn:rehabit:problem:" + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", context.request().path());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(problem.encode());
    }

    static void internal(RoutingContext context, String incident) {
        send(context, 500, "internal", "Internal error", "The request could not be completed; the failure was "
                + "logged as incident " + incident + ".");
    }
}
