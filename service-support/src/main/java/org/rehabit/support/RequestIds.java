package org.rehabit.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One request id per request, across every service it touches: taken from {@code X-Request-Id} when the
 * caller (or the gateway) sent a sane one, made otherwise; put into the log context ({@code %X{requestId}})
 * and on the response. The REST clients pass the header on ({@code propagateHeaders}), so the gateway's id
 * is the id in every service's log lines for that request.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
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
        return header != null && SANE.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
