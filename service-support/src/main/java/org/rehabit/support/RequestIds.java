package org.rehabit.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One request id per request, across every service it touches: taken from {@code X-Request-Id} when the
 * caller (or the gateway) sent a sane one, made otherwise; put into the log context ({@code %X{requestId}})
 * and on the response. The REST clients pass the header on ({@code propagateHeaders}), so the gateway's id
 * is the id in every service's log lines for that request.
 *
 * <p>A made id is UUID-shaped: its first half is random once per process, its second half counts up from a random
 * start. Unique within the process, and across processes unless two drew the same 60 random bits; not a secret (a
 * client may name its own requests), and cheap: no {@link SecureRandom} draw per request as {@link UUID#randomUUID}
 * makes (a noticeable share of a pass-through request at the gateway).
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The first half of every id this process makes, with the version nibble of a random UUID (4). */
    private static final long PROCESS = RANDOM.nextLong() & ~0xF000L | 0x4000L;
    private static final AtomicLong NEXT = new AtomicLong(RANDOM.nextLong());

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = newId();
            request.getHeaders().putSingle(HEADER, id);
        }
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    /**
     * The current request's id, also when this filter has not run: a request refused by the security check (401,
     * 403) never reaches request filters, but its sane {@code X-Request-Id} still names it; null otherwise.
     */
    public static String idOf(ContainerRequestContext request) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            return id.toString();
        }
        String header = request.getHeaderString(HEADER);
        return header != null && SANE.matcher(header).matches() ? header : null;
    }

    /** A client's {@code X-Request-Id} when it is sane (1-64 of letters, digits and {@code ._:-}), else a new one. */
    public static String saneOrNew(String header) {
        return header != null && SANE.matcher(header).matches() ? header : newId();
    }

    /** A new request id: this process's random half, then the next count (with a UUID's variant bits). */
    public static String newId() {
        return new UUID(PROCESS, NEXT.getAndIncrement() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
