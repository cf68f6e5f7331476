package org.rehabit.gateway.route;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.rehabit.gateway.audit.DenialRecorder;
import org.rehabit.gateway.audit.DenialShipper;
import org.rehabit.gateway.edge.HttpProblems;
import org.rehabit.support.RequestIds;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Installs a Vert.x route for each route of {@link Routes} at start-up: no JAX-RS and no REST client on the way.
 * Each request gets its request id, then the bearer token is verified (quarkus-oidc, as for every other route), then
 * the route's roles are checked against the identity: 401 or 403 problem+json before any service is called, the
 * denials on routes of patient data handed to the audit trail ({@link DenialShipper}). An authorised request goes
 * on through the {@link Forwarder}.
 */
@ApplicationScoped
public class RouteHandlers {

    private static final Logger LOG = Logger.getLogger(RouteHandlers.class);
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final Forwarder forwarder;
    private final DenialShipper denials;

    public RouteHandlers(Forwarder forwarder, DenialShipper denials) {
        this.forwarder = forwarder;
        this.denials = denials;
    }

    void install(@Observes Router router) {
        for (Route route : Routes.ALL) {
            router.route(HttpMethod.valueOf(route.method()), PARAMETER.matcher(route.path()).replaceAll(":$1"))
                    .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                    .handler(ctx -> handle(route, ctx));
        }
    }

    private void handle(Route route, RoutingContext ctx) {
        Map<String, String> parameters = parameters(route, ctx);
        if (parameters == null) {
            ctx.next(); // a parameter outside its values: another route's, or no route at all
            return;
        }
        if (!ctx.request().isEnded()) {
            ctx.request().pause(); // the body waits until the request may go on
        }
        String requestId = RequestIds.saneOrNew(ctx.request().getHeader(RequestIds.HEADER));
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> safely(ctx, () -> authorised(route, ctx, identity, parameters, requestId)),
                failure -> safely(ctx, () -> refuse(route, ctx, null, parameters, requestId, 401)));
    }

    private void authorised(Route route, RoutingContext ctx, SecurityIdentity identity,
                            Map<String, String> parameters, String requestId) {
        if (identity == null || identity.isAnonymous()) {
            refuse(route, ctx, null, parameters, requestId, 401);
            return;
        }
        if (!route.roles().isEmpty() && route.roles().stream().noneMatch(identity::hasRole)) {
            refuse(route, ctx, identity, parameters, requestId, 403);
            return;
        }
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            forwarder.forward(route, ctx, downstream(route, parameters), requestId);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void refuse(Route route, RoutingContext ctx, SecurityIdentity identity, Map<String, String> parameters,
                        String requestId, int status) {
        resume(ctx);
        if (DenialRecorder.onPatientData(route.path())) {
            JsonWebToken token = identity != null && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
            denials.record(DenialRecorder.denial(route.path(), route.method(), parameters::get, status, token,
                    identity, requestId, DenialRecorder.address(ctx.request())));
        }
        if (ctx.response().headWritten()) {
            return; // a token that fails verification is answered by the edge's failure handler already
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            HttpProblems.send(ctx, 401, "unauthenticated", "Authentication required", "Send a valid bearer token.");
        } else {
            HttpProblems.send(ctx, 403, "forbidden", "Forbidden", "Your role does not allow this operation.");
        }
    }

    /**
     * Lets the request's body flow again (to be drained, or piped on). A request already read whole is left alone:
     * over HTTP/2 resuming it is an error.
     */
    static void resume(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
    }

    /** Runs a step of the request; a bug in it is a 500 with an incident id, never a request left unanswered. */
    private static void safely(RoutingContext ctx, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            HttpProblems.unexpected(ctx, LOG, e);
        }
    }

    /** The path's parameters by name, raw as the client sent them; null when one is outside its values. */
    private static Map<String, String> parameters(Route route, RoutingContext ctx) {
        String[] template = route.path().split("/");
        String[] actual = ctx.normalizedPath().split("/");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.length && i < actual.length; i++) {
            if (template[i].startsWith("{")) {
                String name = template[i].substring(1, template[i].length() - 1);
                String pattern = route.patterns().get(name);
                if (pattern != null && !actual[i].matches(pattern)) {
                    return null;
                }
                parameters.put(name, actual[i]);
            }
        }
        return parameters;
    }

    private static String downstream(Route route, Map<String, String> parameters) {
        return PARAMETER.matcher(route.downstream()).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                parameters.get(match.group(1))));
    }
}
