package org.rehabit.gateway.downstream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A downstream service's answer, read whole: its status, body and the headers the gateway passes on.
 * 4xx answers are answers (problem+json passes through as it came); 5xx never reach the client.
 * The body stays bytes, as it came: passing it on needs no decoding to text and encoding back.
 */
public record Downstream(int status, byte[] body, String contentType, Map<String, String> headers) {

    /** Headers that carry meaning for clients; everything else stays behind the gateway. */
    public static final List<String> PASSED_ON = List.of(HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.ALLOW, "Idempotent-Replayed");

    /** Reads and closes a REST client response. */
    public static Downstream of(Response response, String publicPrefix) {
        try (response) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : PASSED_ON) {
                String value = response.getHeaderString(name);
                if (value != null) {
                    headers.put(name, name.equalsIgnoreCase(HttpHeaders.LOCATION)
                            ? publicLocation(value, publicPrefix) : value);
                }
            }
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : null;
            MediaType type = response.getMediaType();
            return new Downstream(response.getStatus(), body, type == null ? null : type.toString(), headers);
        }
    }

    /** The same resource as the public API names it: downstream {@code http://catalog:8081/exercises/x} → {@code /api/v1/exercises/x}. */
    public static String publicLocation(String location, String publicPrefix) {
        String path = location;
        int scheme = location.indexOf("://");
        if (scheme >= 0) {
            int slash = location.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : location.substring(slash);
        }
        return publicPrefix + path;
    }

    public boolean isServerError() {
        return status >= 500;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** This answer as the gateway's own response. */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status);
        if (body != null) {
            builder.entity(body).type(contentType == null ? MediaType.APPLICATION_JSON : contentType);
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    /** This answer with another body (a composed view), keeping status and headers. */
    public Response toResponse(Object composed) {
        Response.ResponseBuilder builder = Response.status(status).entity(composed).type(MediaType.APPLICATION_JSON);
        headers.forEach(builder::header);
        return builder.build();
    }
}
