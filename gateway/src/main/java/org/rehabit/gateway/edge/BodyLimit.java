package org.rehabit.gateway.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json before a byte of it is read (the HTTP server's own refusal has no body). A body sent without a
 * length is still cut off by the server at the same limit.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 200);
    }

    private void check(RoutingContext context) {
        // a malformed length is the HTTP server's to refuse
        if (DeclaredLength.of(context.request().getHeader("Content-Length")) > maxBytes) {
            context.response().putHeader("Connection", "close");
            HttpProblems.send(context, 413, "body-too-large", "Request body too large",
                    "The request body is over the limit of " + maxBytes + " bytes.");
            return;
        }
        context.next();
    }
}
