package org.rehabit.gateway.route;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
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
import org.rehabit.support.security.VerifiedTokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Installs a Vert.x route for each route of {@link Routes} at start-up: no JAX-RS and no REST client on the way.
 * Each request gets its request id, then the bearer token is verified (a token verified before is found in
 * {@link VerifiedTokens} directly; any other goes through quarkus-oidc, as for every other route), then
 * the route's roles are checked against the identity: 401 or 403 problem+json before any service is called, the
 * denials on routes of patient data handed to the audit trail ({@link DenialShipper}). An authorised request goes
 * on through the {@link Forwarder}.
 */
@ApplicationScoped
public class RouteHandlers {

    private static final Logger LOG = Logger.getLogger(RouteHandlers.class);
    private static final String PUBLIC_PREFIX = "/api/v1/";
    /** Where Quarkus's HTTP server metrics look for a request's path template (its Vert.x context's locals). */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** Where a request's {@link Match} waits for the route. */
    private static final String MATCH = RouteHandlers.class.getName() + ".match";
    /**
     * Between quarkus-vertx-http's authentication filter (200), which sets its default authentication-failure handler
     * on every request, and quarkus-rest's (199), which replaces that default: a filter registered at run time runs
     * after the built-in ones of its priority. Anywhere else the handler set is the same, only not kept.
     */
    private static final int MATCH_PRIORITY = 200;
    /**
     * quarkus-rest's own authentication-failure handler ({@code FailingDefaultAuthFailureHandler}): the failure goes
     * to the failure handlers (the edge's problem answers).
     */
    private static final BiConsumer<RoutingContext, Throwable> FAIL_ON_AUTHENTICATION_FAILURE = (ctx, failure) -> {
        HttpSecurityRecorder.DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(ctx, failure);
        if (!ctx.failed()) {
            ctx.fail(HttpSecurityRecorder.DefaultAuthFailureHandler.extractRootCause(failure));
        }
    };

    private final Forwarder forwarder;
    private final DenialShipper denials;
    private final VerifiedTokens verified;

    public RouteHandlers(Forwarder forwarder, DenialShipper denials, VerifiedTokens verified) {
        this.forwarder = forwarder;
        this.denials = denials;
        this.verified = verified;
    }

    /**
     * Matches a request against the table once, in a filter: a request of the table carries its match to
     * {@link #install}'s route, and quarkus-rest's authentication-failure handler set here, not by quarkus-rest.
     *
     * <p>With Micrometer or OpenTelemetry present, quarkus-rest's filter (priority 199) sets that handler on every
     * request and first matches the request's path against every resource class for the metrics' path template,
     * building a new request mapper each time: 4.5 % of the gateway's JFR samples on a pass-through (JFR). A route of the
     * table has no JAX-RS template (it sets its own, below) and its failures go the same way as quarkus-rest's
     * handler sends them, so the match is not needed. Not done for JAX-RS requests: quarkus-rest takes its failures
     * over only when its own handler is set.
     */
    void match(@Observes Filters filters) {
        Map<HttpMethod, List<Matcher>> table = new HashMap<>();
        for (Route route : Routes.ALL) {
            table.computeIfAbsent(HttpMethod.valueOf(route.method()), method -> new ArrayList<>())
                    .add(Matcher.of(route));
        }
        // one filter in front of them all, matched here segment by segment: Vert.x would try each route's
        // regular expression in turn on every request
        filters.register(ctx -> {
            List<Matcher> candidates = table.get(ctx.request().method());
            String path = candidates == null ? null : ctx.normalizedPath();
            if (path != null && path.startsWith(PUBLIC_PREFIX)) {
                String[] actual = path.split("/");
                for (Matcher candidate : candidates) {
                    Map<String, String> parameters = candidate.match(actual);
                    if (parameters != null) {
                        ctx.put(MATCH, new Match(candidate, parameters));
                        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, FAIL_ON_AUTHENTICATION_FAILURE);
                        break;
                    }
                }
            }
            ctx.next();
        }, MATCH_PRIORITY);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> {
            Match match = ctx.get(MATCH);
            if (match == null) {
                ctx.next(); // not one of the table's: a composed view, the web app, or no route at all
                return;
            }
            // the HTTP server metrics' uri: the route's template, as Vert.x's own routes gave it
            Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, match.matcher().route().path());
            handle(match.matcher(), ctx, match.parameters());
        });
    }

    /** A request's route of the table with its path's parameters. */
    private record Match(Matcher matcher, Map<String, String> parameters) {
    }

    /**
     * A route of the table ready to match a path: its segments (a literal, or a parameter with its values' pattern
     * compiled once) and its service's path in pieces.
     */
    private record Matcher(Route route, String[] segments, String[] names, Pattern[] patterns, String[] downstream) {

        static Matcher of(Route route) {
            String[] segments = route.path().split("/");
            String[] names = new String[segments.length];
            Pattern[] patterns = new Pattern[segments.length];
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].startsWith("{")) {
                    names[i] = segments[i].substring(1, segments[i].length() - 1);
                    String pattern = route.patterns().get(names[i]);
                    patterns[i] = pattern == null ? null : Pattern.compile(pattern);
                }
            }
            // "/exercises/{slug}/versions" -> "/exercises/", "slug", "/versions": literals at even places
            return new Matcher(route, segments, names, patterns, route.downstream().split("[{}]", -1));
        }

        /** The path's parameters by name, raw as the client sent them; null when the path is not this route's. */
        Map<String, String> match(String[] actual) {
            if (actual.length != segments.length) {
                return null;
            }
            Map<String, String> parameters = null;
            for (int i = 0; i < segments.length; i++) {
                if (names[i] == null) {
                    if (!segments[i].equals(actual[i])) {
                        return null;
                    }
                } else if (actual[i].isEmpty() || patterns[i] != null && !patterns[i].matcher(actual[i]).matches()) {
                    return null; // a parameter outside its values: another route's, or no route at all
                } else {
                    if (parameters == null) {
                        parameters = new HashMap<>(4);
                    }
                    parameters.put(names[i], actual[i]);
                }
            }
            return parameters == null ? Map.of() : parameters;
        }

        /** The service's path for these parameters. */
        String downstream(Map<String, String> parameters) {
            StringBuilder path = new StringBuilder(64);
            for (int i = 0; i < downstream.length; i++) {
                path.append(i % 2 == 0 ? downstream[i] : parameters.get(downstream[i]));
            }
            return path.toString();
        }
    }

    private void handle(Matcher matcher, RoutingContext ctx, Map<String, String> parameters) {
        Route route = matcher.route();
        if (!ctx.request().isEnded()) {
            ctx.request().pause(); // the body waits until the request may go on
        }
        String requestId = RequestIds.saneOrNew(ctx.request().getHeader(RequestIds.HEADER));
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        // a token verified before is known at once, here on the event loop; any other goes through quarkus-oidc's
        // mechanism, which verifies it (and remembers it) or refuses it
        SecurityIdentity known = verified.known(ctx);
        if (known != null) {
            safely(ctx, () -> authorised(matcher, ctx, known, parameters, requestId));
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> safely(ctx, () -> authorised(matcher, ctx, identity, parameters, requestId)),
                failure -> safely(ctx, () -> refuse(route, ctx, null, parameters, requestId, 401)));
    }

    private void authorised(Matcher matcher, RoutingContext ctx, SecurityIdentity identity,
                            Map<String, String> parameters, String requestId) {
        Route route = matcher.route();
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
            forwarder.forward(route, ctx, matcher.downstream(parameters), requestId);
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
}
