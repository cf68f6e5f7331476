package org.rehabit.gateway.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.rehabit.support.Problem;

import java.util.UUID;

/**
 * RFC 9457 answers written at the HTTP layer (the edge's filters and the route handlers, where no JAX-RS exception
 * mapper runs), the same as the services' and the resources'.
 */
public final class HttpProblems {

    private HttpProblems() {
    }

    public static void send(RoutingContext context, int status, String type, String title, String detail) {
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

    /**
     * A service's problem answer as the client sees it: its {@code instance} (the service's own path, such as
     * {@code /patients/42/sessions}) replaced by the path the client asked for; anything else in it unchanged. A body
     * that is not a JSON object, or has no {@code instance}, is returned as it came.
     */
    public static Buffer withPublicInstance(Buffer body, String publicPath) {
        JsonObject problem;
        try {
            if (!(Json.decodeValue(body) instanceof JsonObject object)) {
                return body;
            }
            problem = object;
        } catch (DecodeException e) {
            return body;
        }
        if (!(problem.getValue("instance") instanceof String)) {
            return body;
        }
        return problem.put("instance", publicPath).toBuffer();
    }

    /** A 500 naming the incident under which the failure was logged. */
    public static void internal(RoutingContext context, String incident) {
        send(context, 500, "internal", "Internal error", "The request could not be completed; the failure was "
                + "logged as incident " + incident + ".");
    }

    /**
     * A bug: logged under a new incident id and answered 500 naming it; where the answer had begun already, the
     * client's stream is reset instead, so that a cut-off answer never looks whole.
     */
    public static void unexpected(RoutingContext context, Logger log, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        log.errorf(failure, "Unexpected failure on %s (incident %s)", context.request().path(), incident);
        if (!context.response().headWritten()) {
            internal(context, incident);
        } else if (!context.response().ended()) {
            context.response().reset();
        }
    }
}
