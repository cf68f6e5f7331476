package org.rehabit.gateway.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.rehabit.gateway.catalog.CatalogReads;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamError;
import org.rehabit.gateway.downstream.DownstreamFailure;
import org.rehabit.gateway.downstream.OutcomeUnknown;
import org.rehabit.gateway.downstream.Resilient;
import org.rehabit.gateway.edge.DeclaredLength;
import org.rehabit.gateway.edge.HttpProblems;
import org.rehabit.support.Problem;
import org.rehabit.support.RequestIds;
import org.rehabit.support.Unavailable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Sends an authorised request of the route table on to its service with Vert.x's HTTP client and the answer back:
 * the request body streams to the service and the answer's body streams back (a catalog read's is read whole, to
 * keep it for stale-if-error). Only what carries meaning crosses: the token, conditional headers, Idempotency-Key
 * and the request id going in, {@link Downstream#PASSED_ON} coming back (Location renamed to the public path).
 *
 * <p>Per service one circuit breaker and one bulkhead (SmallRye Fault Tolerance's {@link Guard}): a timeout, a 5xx
 * and an unreachable service count as failures, a 4xx is an answer and never does. Reads are retried on a 5xx or
 * a failed connection (idempotent; twice more at most, 50 ms ± 25 ms apart, each try through the guard), writes
 * never (a retried write could apply twice), timeouts never (the service is slow; asking again makes it slower). A write's timeout starts once the client's body has been sent on whole
 * (a slow upload is the client's, not the service's), and a client that leaves mid-upload is not a failure of the
 * service; an answer's streamed body may pause no longer than the read timeout. Timeouts are the ones of the REST clients' configuration keys
 * ({@code org.rehabit.gateway.catalog.CatalogClient/read/Timeout/value}, ...). What a failure answers is
 * {@link Resilient#failed}: 500 with an incident id, 504/502 outcome unknown for a write, 503 with Retry-After.
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);
    private static final String PUBLIC_PREFIX = "/api/v1";
    /** Headers of the client's request that travel on to the service: a read's... */
    private static final List<String> READ_SENT_ON = List.of("Authorization", "If-Match", "If-None-Match",
            "Idempotency-Key");
    /** ...and a write's, with what describes its body. */
    private static final List<String> WRITE_SENT_ON = List.of("Authorization", "If-Match", "If-None-Match",
            "Idempotency-Key", "Content-Type", "Content-Length");
    /** {@link Downstream#PASSED_ON} in the order of their names, the order they are written to the client in. */
    private static final List<String> PASSED_ON_SORTED = Downstream.PASSED_ON.stream()
            .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    private static final TypeLiteral<CompletionStage<Answer>> ANSWER = new TypeLiteral<>() {
    };
    /** A read is tried again at most this often after a 5xx or a failed connection, after 50 ms ± 25 ms. */
    private static final int READ_RETRIES = 2;
    private static final long RETRY_DELAY_MS = 50;
    private static final long RETRY_JITTER_MS = 25;
    /** The largest problem answer whose {@code instance} is made public; a longer one passes through as it came. */
    private static final long PROBLEM_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    /** The same timers for the route table's routes, by route (identity) and status: no key hashed per call. */
    private final Map<Route, AtomicReferenceArray<Timer>> routeTimers = new IdentityHashMap<>();
    private final CatalogReads stale;
    private final Map<Route.Service, Target> targets = new EnumMap<>(Route.Service.class);

    public Forwarder(Vertx vertx, MeterRegistry metrics, CircuitBreakerMaintenance breakers, CatalogReads stale,
                     @ConfigProperty(name = "quarkus.rest-client.catalog.url") String catalogUrl,
                     @ConfigProperty(name = "quarkus.rest-client.session.url") String sessionUrl,
                     @ConfigProperty(name = "quarkus.rest-client.connect-timeout", defaultValue = "1000") int connect,
                     @ConfigProperty(name = "org.rehabit.gateway.catalog.CatalogClient/read/Timeout/value",
                             defaultValue = "2000") long catalogRead,
                     @ConfigProperty(name = "org.rehabit.gateway.catalog.CatalogClient/write/Timeout/value",
                             defaultValue = "3000") long catalogWrite,
                     @ConfigProperty(name = "org.rehabit.gateway.session.SessionClient/read/Timeout/value",
                             defaultValue = "2000") long sessionRead,
                     @ConfigProperty(name = "org.rehabit.gateway.session.SessionClient/write/Timeout/value",
                             defaultValue = "3000") long sessionWrite) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.stale = stale;
        for (Route route : Routes.ALL) {
            routeTimers.put(route, new AtomicReferenceArray<>(600));
        }
        targets.put(Route.Service.CATALOG, new Target(vertx, metrics, breakers, Route.Service.CATALOG,
                strip(catalogUrl), connect, catalogRead, catalogWrite));
        targets.put(Route.Service.SESSION, new Target(vertx, metrics, breakers, Route.Service.SESSION,
                strip(sessionUrl), connect, sessionRead, sessionWrite));
    }

    @PreDestroy
    void close() {
        targets.values().forEach(Target::close);
    }

    /**
     * One service: where it is, its clients (named for the metrics), how long to wait for it, and its guards.
     *
     * <p>One HTTP client per event loop: a request is sent on a connection of the event loop that received it, so
     * the request, its answer and the client's response stay on one thread. With one client for all loops, a
     * request received on one loop was mostly sent on a connection of another, and each call crossed threads three
     * or four times (Netty wakes the other loop every time: a quarter of the gateway's CPU under load).
     */
    private static final class Target {

        final Route.Service service;
        private final Vertx vertx;
        private final HttpClientOptions options;
        private final PoolOptions pool;
        /** For a call made off the event loops (none of the route table's today). */
        private final HttpClient shared;
        private final ConcurrentMap<Thread, HttpClient> perLoop = new ConcurrentHashMap<>();
        /** The parts of the service's base address: host, port (the scheme's default when it names none), TLS, path prefix. */
        final String host;
        final int port;
        final boolean ssl;
        final String path;
        final long readTimeout;
        final long writeTimeout;
        /** The breaker and bulkhead every call to the service goes through. */
        final Guard guard;
        /** The calls inside the guard's bulkhead now. */
        final AtomicInteger running = new AtomicInteger();

        Target(Vertx vertx, MeterRegistry metrics, CircuitBreakerMaintenance breakers, Route.Service service,
               String base, int connectTimeout, long readTimeout, long writeTimeout) {
            String name = service.name().toLowerCase();
            this.service = service;
            this.vertx = vertx;
            this.options = new HttpClientOptions().setName(name).setConnectTimeout(connectTimeout)
                    .setKeepAlive(true);
            this.pool = new PoolOptions().setHttp1MaxSize(128);
            this.shared = vertx.createHttpClient(options, pool);
            URI uri = URI.create(base);
            this.ssl = "https".equalsIgnoreCase(uri.getScheme());
            this.host = uri.getHost();
            this.port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
            this.path = uri.getRawPath() == null ? "" : uri.getRawPath();
            this.readTimeout = readTimeout;
            this.writeTimeout = writeTimeout;
            // no description, so no SmallRye metrics: they cost a few per cent of a pass-through call (an event
            // handler registered per event and per call, meters looked up by name and tags on each); the metrics
            // that alerts, dashboards and tests read are kept below under the same names
            this.guard = Guard.create()
                    .withCircuitBreaker().name(name).requestVolumeThreshold(20).failureRatio(0.5)
                    .delay(5000, ChronoUnit.MILLIS).successThreshold(3)
                    .failOn(List.of(DownstreamFailure.class, TimeoutException.class)).done()
                    .withBulkhead().limit(96).queueSize(32).done()
                    .withThreadOffload(false)
                    .build();
            breakerMetrics(metrics, breakers, name, running);
        }

        /**
         * SmallRye's names for what is kept of its metrics: the breaker's state (1 for the current one; the alert
         * rules read {@code ft_circuitbreaker_state_current{state="open"}}), how often it opened, and the calls in the
         * bulkhead.
         */
        private static void breakerMetrics(MeterRegistry metrics, CircuitBreakerMaintenance breakers, String name,
                                           AtomicInteger running) {
            Map<CircuitBreakerState, String> states = Map.of(CircuitBreakerState.CLOSED, "closed",
                    CircuitBreakerState.OPEN, "open", CircuitBreakerState.HALF_OPEN, "halfOpen");
            states.forEach((state, tag) -> Gauge.builder("ft.circuitbreaker.state.current",
                            () -> breakers.currentState(name) == state ? 1 : 0)
                    .tags("method", name, "state", tag).strongReference(true).register(metrics));
            Counter opened = Counter.builder("ft.circuitbreaker.opened.total").tag("method", name).register(metrics);
            breakers.onStateChange(name, state -> {
                if (state == CircuitBreakerState.OPEN) {
                    opened.increment();
                }
            });
            Gauge.builder("ft.bulkhead.executionsRunning", running, AtomicInteger::get).tag("method", name)
                    .register(metrics);
        }

        /** The calls inside the bulkhead counted: from when it lets one in until its answer (or failure). */
        CompletionStage<Answer> counted(Supplier<CompletionStage<Answer>> call) {
            running.incrementAndGet();
            CompletionStage<Answer> answer;
            try {
                answer = call.get();
            } catch (RuntimeException e) {
                running.decrementAndGet();
                throw e;
            }
            return answer.whenComplete((done, failure) -> running.decrementAndGet());
        }

        /** The client of the calling event loop (its connections live on that loop), made on first use. */
        HttpClient client() {
            if (!Context.isOnEventLoopThread()) {
                return shared;
            }
            return perLoop.computeIfAbsent(Thread.currentThread(), loop -> vertx.createHttpClient(options, pool));
        }

        void close() {
            shared.close();
            perLoop.values().forEach(HttpClient::close);
        }
    }

    /**
     * A service's answer with its headers read: whole ({@code body} set) or still to stream ({@code stream} set,
     * paused).
     */
    private record Answer(int status, MultiMap headers, Buffer body, HttpClientResponse stream) {
    }

    /** Forwards the request (authorised, its body paused) and answers it. */
    void forward(Route route, RoutingContext ctx, String downstreamPath, String requestId) {
        Target target = targets.get(route.service());
        String uri = ctx.request().uri();
        boolean keep = kept(route);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : route.isRead() ? READ_SENT_ON : WRITE_SENT_ON) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set("X-Request-Id", requestId);
        String query = ctx.request().query();
        // the service's address parsed once (setAbsoluteURI would parse a java.net.URL on every call)
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(route.method()))
                .setHost(target.host).setPort(target.port).setSsl(target.ssl)
                .setURI(target.path + downstreamPath + (query == null ? "" : "?" + query))
                .setHeaders(headers);
        long timeout = route.isRead() ? target.readTimeout : target.writeTimeout;
        CompletionStage<Answer> answer;
        if (route.isRead()) {
            RouteHandlers.resume(ctx); // a read has no body to send; what a client sent anyway is drained
            Supplier<CompletionStage<Answer>> attempt = () -> target.guard.get(
                    () -> target.counted(() -> send(route, options, null, timeout, keep, target)), ANSWER);
            answer = retried(attempt, READ_RETRIES);
        } else {
            answer = target.guard.get(() -> target.counted(() -> send(route, options, ctx, timeout, false, target)),
                    ANSWER);
        }
        // answered on whichever thread the answer comes (Vert.x writes the response on the connection's event loop)
        answer.whenComplete((done, failure) -> {
            MDC.put(RequestIds.MDC_KEY, requestId); // the log lines of this answer name its request
            try {
                if (failure != null) {
                    RouteHandlers.resume(ctx);
                    failed(route, ctx, uri, target, failure);
                } else {
                    answer(ctx, done, keep ? uri : null, target);
                }
            } catch (RuntimeException e) {
                HttpProblems.unexpected(ctx, LOG, e);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        });
    }

    /**
     * A read's attempts: after a 5xx or a failed connection ({@link DownstreamFailure}) another, up to {@code retries}
     * more, each after 50 ms ± 25 ms; an open breaker, a full bulkhead or a timeout is not tried again. (SmallRye's
     * retry did the same around the guard, at the cost of a second dispatch through the event loop and a context
     * capture on every call, most of which never retry.)
     */
    private CompletionStage<Answer> retried(Supplier<CompletionStage<Answer>> attempt,
                                            int retries) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(attempt, retries, result);
        return result;
    }

    private void attempt(Supplier<CompletionStage<Answer>> attempt, int retries,
                         CompletableFuture<Answer> result) {
        CompletionStage<Answer> once;
        try {
            once = attempt.get();
        } catch (RuntimeException e) {
            once = CompletableFuture.failedFuture(e);
        }
        once.whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (retries > 0 && cause instanceof DownstreamFailure) {
                long delay = RETRY_DELAY_MS - RETRY_JITTER_MS
                        + ThreadLocalRandom.current().nextLong(2 * RETRY_JITTER_MS + 1);
                vertx.setTimer(delay, id -> attempt(attempt, retries - 1, result));
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** One attempt: the request sent, the answer's status and headers in (a 5xx read whole and failed). */
    private CompletionStage<Answer> send(Route route, RequestOptions options, RoutingContext body, long timeout,
                                         boolean whole, Target target) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Timer.Sample sample = Timer.start(metrics);
        result.whenComplete((answer, failure) -> sample.stop(timer(route, target, answer, failure)));
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicLong timer = new AtomicLong(-1);
        // the service's time starts when it has the whole request: a client's slow upload is not the service's
        Runnable clock = () -> timer.set(vertx.setTimer(timeout, id -> {
            if (result.completeExceptionally(new TimeoutException("The " + target.service.title
                    + " did not answer within " + timeout + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset(); // the connection is not left waiting for an answer nobody takes
                }
            }
        }));
        boolean streamed = body != null && !body.request().isEnded();
        if (!streamed) {
            clock.run();
        }
        target.client().request(options).compose(request -> {
            sent.set(request);
            if (result.isDone()) { // timed out while it waited for a connection: never sent late
                request.reset();
                return Future.failedFuture(new DownstreamFailure("The " + target.service.title
                        + " answered too late", 0, null));
            }
            if (!streamed) {
                return request.send();
            }
            if (body.response().closed()) { // the client left while the request waited for its connection
                request.exceptionHandler(reset -> { });
                request.reset();
                return Future.failedFuture(new ClientGone(null));
            }
            Future<HttpClientResponse> response = request.response();
            // an answer may come before the body is sent whole: held (not a byte lost) until a step below takes it
            response.onSuccess(HttpClientResponse::pause);
            // not ended on a failure: half a body must never reach the service as if it were whole
            return body.request().pipe().endOnFailure(false).to(request).transform(piped -> {
                if (piped.succeeded()) {
                    clock.run();
                    return response;
                }
                // the client's connection fails its request first and marks its response closed right after:
                // which side broke the pipe is known on the next turn of the event loop
                Promise<HttpClientResponse> judged = Promise.promise();
                vertx.runOnContext(next -> {
                    if (body.response().closed()) {
                        request.exceptionHandler(reset -> { }); // its own reset is no news
                        request.reset(); // half a request: the service is told to forget it
                        judged.fail(new ClientGone(piped.cause()));
                    } else if (response.succeeded()) {
                        judged.complete(response.result());
                    } else {
                        judged.fail(piped.cause());
                    }
                });
                return judged.future();
            });
        }).compose(response -> {
            if (response.statusCode() >= 500) {
                Future<Buffer> text = response.body();
                response.resume();
                return text.compose(t -> Future.failedFuture(new DownstreamFailure("The "
                        + target.service.title + " answered " + response.statusCode() + ": "
                        + t.getString(0, Math.min(t.length(), 500), StandardCharsets.UTF_8.name()),
                        response.statusCode(), null)));
            }
            if (whole || problem(response)) {
                Future<Buffer> text = response.body();
                response.resume();
                return text.map(t -> new Answer(response.statusCode(), response.headers(), t, null));
            }
            response.pause();
            return Future.succeededFuture(new Answer(response.statusCode(), response.headers(), null, response));
        }).onComplete(outcome -> {
            vertx.cancelTimer(timer.get());
            if (outcome.succeeded()) {
                if (!result.complete(outcome.result()) && outcome.result().stream() != null) {
                    outcome.result().stream().request().reset(); // came after the timeout: nobody reads it
                }
            } else {
                Throwable cause = outcome.cause();
                result.completeExceptionally(cause instanceof DownstreamFailure || cause instanceof ClientGone
                        ? cause : new DownstreamFailure(target.service.title + " cannot be reached", 0, cause));
            }
        });
        return result;
    }

    /**
     * A service's problem answer (RFC 9457) of at most {@link #PROBLEM_BYTES} declared bytes: read whole, under the
     * call's timeout, so that {@link #answer} can name the public path in it.
     */
    private static boolean problem(HttpClientResponse response) {
        String type = response.getHeader("Content-Type");
        if (response.statusCode() < 400 || type == null || !type.startsWith(Problem.MEDIA_TYPE)) {
            return false;
        }
        long bytes = DeclaredLength.of(response.getHeader("Content-Length"));
        return bytes >= 0 && bytes <= PROBLEM_BYTES;
    }

    /**
     * The call in the HTTP client metrics as the REST clients' calls are: by service and by route template
     * ({@code uri="/patients/{id}/weights"}), never by each patient's path.
     */
    private Timer timer(Route route, Target target, Answer answer, Throwable failure) {
        int status = answer != null ? answer.status()
                : failure instanceof DownstreamFailure f && f.status() > 0 ? f.status() : 0;
        // looked up once per route and status, not built and registered again on every call
        AtomicReferenceArray<Timer> byStatus = routeTimers.get(route);
        if (byStatus != null && status >= 0 && status < byStatus.length()) {
            Timer known = byStatus.get(status);
            if (known == null) {
                known = timer(new TimerKey(target.service, route.method(), route.downstream(), status));
                byStatus.set(status, known); // a race registers the same meter twice: the registry gives it back
            }
            return known;
        }
        return timers.computeIfAbsent(new TimerKey(target.service, route.method(), route.downstream(), status),
                this::timer);
    }

    private Timer timer(TimerKey key) {
        int status = key.status();
        String outcome = switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
        return Timer.builder("http.client.requests").tag("clientName", key.service().name().toLowerCase())
                .tag("method", key.method()).tag("uri", key.uri()).tag("outcome", outcome)
                .tag("status", status == 0 ? "CLIENT_ERROR" : Integer.toString(status)).register(metrics);
    }

    /** A route's calls that ended with one status (0: no answer); at most the route table times the statuses. */
    private record TimerKey(Route.Service service, String method, String uri, int status) {
    }

    private void answer(RoutingContext ctx, Answer answer, String keepAs, Target target) {
        HttpServerResponse response = ctx.response().setStatusCode(answer.status());
        String type = answer.headers().get("Content-Type");
        boolean keep = keepAs != null && answer.status() == 200 && answer.stream() == null;
        Downstream kept = keep ? stale.kept(keepAs) : null;
        // the same answer as the one kept (the usual case: content changes seldom) is not put again, which cost a
        // cache write and its maintenance on every read; nor are its headers gathered and its body copied to know it
        boolean same = kept != null && kept.status() == 200 && Objects.equals(kept.contentType(), type)
                && sameBytes(kept.body(), answer.body());
        int passedOn = 0;
        String[] values = keep ? new String[PASSED_ON_SORTED.size()] : null;
        // the passed-on headers written straight on (in the order of their names, as always)
        for (int i = 0; i < PASSED_ON_SORTED.size(); i++) {
            String name = PASSED_ON_SORTED.get(i);
            String value = answer.headers().get(name);
            if (value != null) {
                if (name.equalsIgnoreCase("Location")) {
                    value = Downstream.publicLocation(value, PUBLIC_PREFIX);
                }
                response.putHeader(name, value);
                passedOn++;
                if (values != null) {
                    values[i] = value;
                    same = same && value.equals(kept.headers().get(name));
                }
            }
        }
        if (keep && !(same && passedOn == kept.headers().size())) {
            Map<String, String> passed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    passed.put(PASSED_ON_SORTED.get(i), values[i]);
                }
            }
            stale.keep(keepAs, new Downstream(200, answer.body().getBytes(), type, passed));
        }
        if (type != null) {
            response.putHeader("Content-Type", type);
        }
        if (answer.stream() != null) {
            if (answer.status() == 204 || answer.status() == 304) {
                answer.stream().resume(); // no body, whatever the headers say
                response.end();
                return;
            }
            String length = answer.headers().get("Content-Length");
            if (length != null) {
                response.putHeader("Content-Length", length);
            } else {
                response.setChunked(true);
            }
            relay(ctx, answer.stream(), response, target);
            return;
        }
        if (answer.status() >= 400 && type != null && type.startsWith(Problem.MEDIA_TYPE)) {
            // the service named its own path in it; the client knows only the one it asked for
            response.end(HttpProblems.withPublicInstance(answer.body(), ctx.request().path()));
            return;
        }
        response.end(answer.body());
    }

    /** Whether a kept body and an answer's are the same bytes (the answer's compared where it lies, not copied). */
    private static boolean sameBytes(byte[] kept, Buffer body) {
        return kept != null && body != null && kept.length == body.length()
                && ByteBufUtil.equals(Unpooled.wrappedBuffer(kept), body.getByteBuf());
    }

    /**
     * Streams the service's answer body to the client. The service has its read timeout again between two pieces of
     * the body (a client slow to take them does not count): one that stalls halfway is cut off, the client's answer
     * reset rather than ended so that a cut-off body never looks whole, instead of holding both connections.
     */
    private void relay(RoutingContext ctx, HttpClientResponse from, HttpServerResponse to, Target target) {
        long[] last = {System.nanoTime()};
        long idle = target.readTimeout;
        Runnable cut = () -> {
            LOG.warnf("%s: the %s's answer broke off", ctx.request().path(), target.service.title);
            from.request().reset();
            to.reset();
        };
        long[] watch = new long[1];
        Handler<Long> check = new Handler<>() {
            @Override
            public void handle(Long id) {
                long quiet = (System.nanoTime() - last[0]) / 1_000_000;
                if (to.writeQueueFull()) {
                    last[0] = System.nanoTime(); // waiting for the client, not for the service
                    watch[0] = vertx.setTimer(idle, this);
                } else if (quiet >= idle) {
                    cut.run();
                } else {
                    watch[0] = vertx.setTimer(idle - quiet, this);
                }
            }
        };
        watch[0] = vertx.setTimer(idle, check);
        from.handler(chunk -> {
            last[0] = System.nanoTime();
            to.write(chunk);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(drained -> {
                    last[0] = System.nanoTime();
                    from.resume();
                });
            }
        });
        from.exceptionHandler(failure -> {
            vertx.cancelTimer(watch[0]);
            LOG.warnf("%s: the %s's answer broke off: %s", ctx.request().path(), target.service.title, failure);
            to.reset();
        });
        from.endHandler(done -> {
            vertx.cancelTimer(watch[0]);
            to.end();
        });
        ctx.addEndHandler(sent -> {
            vertx.cancelTimer(watch[0]);
            if (sent.failed()) {
                from.request().reset(); // the client left: the service's answer is not read on
            }
        });
        from.resume();
    }

    private void failed(Route route, RoutingContext ctx, String uri, Target target, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ClientGone) {
            // the client went away mid-upload: nobody to answer, and nothing the service did wrong
            LOG.debugf("%s: the client closed its connection before its request was sent whole", uri);
            return;
        }
        if (!(cause instanceof DownstreamFailure || cause instanceof TimeoutException
                || cause instanceof CircuitBreakerOpenException || cause instanceof BulkheadException)) {
            HttpProblems.unexpected(ctx, LOG, cause);
            return;
        }
        RuntimeException said = Resilient.failed(target.service.title, !route.isRead(), cause);
        if (kept(route)) {
            Downstream kept = stale.kept(uri);
            if (kept != null) {
                LOG.warnf("%s answered from its stale copy: %s", ctx.request().path(), cause.getMessage());
                HttpServerResponse response = ctx.response().setStatusCode(kept.status());
                kept.headers().forEach(response::putHeader);
                if (kept.contentType() != null) {
                    response.putHeader("Content-Type", kept.contentType());
                }
                response.putHeader("Warning", CatalogReads.STALE_WARNING).end(Buffer.buffer(kept.body()));
                return;
            }
        }
        if (said instanceof DownstreamError e) {
            LOG.errorf(e.getCause(), "%s on %s (incident %s)", e.getMessage(), ctx.request().path(), e.incident());
            HttpProblems.internal(ctx, e.incident());
        } else if (said instanceof OutcomeUnknown e) {
            // with what broke underneath (a reset, a closed connection): "cannot be reached" alone does not say
            LOG.warnf("%s: %s%s", ctx.request().path(), cause,
                    cause.getCause() == null ? "" : " (" + cause.getCause() + ")");
            HttpProblems.send(ctx, e.status(), "outcome-unknown", "Outcome unknown", e.getMessage());
        } else {
            Unavailable e = (Unavailable) said;
            LOG.warnf("%s: %s", ctx.request().path(), cause.toString());
            ctx.response().putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
            HttpProblems.send(ctx, 503, "unavailable", "Temporarily unavailable", e.getMessage());
        }
    }

    /** Catalog reads every signed-in caller gets the same answer to (not drafts) are kept for stale-if-error. */
    private static boolean kept(Route route) {
        return route.isRead() && route.service() == Route.Service.CATALOG && route.roles().isEmpty();
    }


    /**
     * The client closed its connection before its request's body was sent on whole. Not one of the breaker's
     * failures: a client on a bad network must not open the breaker for everybody else.
     */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("The client closed its connection mid-request", cause, false, false);
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
