package org.rehabit.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the operator when X-Forwarded-* headers arrive from an address that is not a trusted proxy
 * ({@code REHABIT_TRUSTED_PROXIES}): the gateway ignores them — the address, scheme and host are the connection's —
 * which behind a real proxy that was left out of the list means the client's address is lost and the web app's
 * writes fail the CORS check (a bare 403). At most one warning a minute; the request goes on either way.
 */
@ApplicationScoped
public class UntrustedForwarding {

    private static final Logger LOG = Logger.getLogger(UntrustedForwarding.class);
    /** Set by Quarkus on every request: "true" when a trusted proxy forwarded it (a client's own copy is replaced). */
    static final String TRUSTED = "X-Forwarded-Trusted-Proxy";
    private static final long QUIET_NANOS = 60_000_000_000L;

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    void register(@Observes Filters filters) {
        filters.register(this::check, 400);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!"true".equals(request.getHeader(TRUSTED)) && (request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Forwarded-Proto") != null || request.getHeader("X-Forwarded-Host") != null)) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= QUIET_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.warnf("X-Forwarded-* headers from %s were ignored: that address is not a trusted proxy "
                        + "(REHABIT_TRUSTED_PROXIES). Behind a reverse proxy, list the address it connects from "
                        + "(docs/operations.md, \"Behind a reverse proxy\").",
                        request.remoteAddress() == null ? "an unknown address" : request.remoteAddress().host());
            }
        }
        context.next();
    }
}
