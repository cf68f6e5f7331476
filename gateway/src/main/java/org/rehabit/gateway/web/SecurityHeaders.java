package org.rehabit.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.rehabit.gateway.auth.IdentityProviderConfig;

import java.net.URI;

/**
 * Headers on every gateway answer that keep browsers safe with the web app: no framing (clickjacking), no MIME
 * sniffing, no referrer leaking patient ids in URLs, and a Content-Security-Policy: on the app's own pages one that
 * allows only the app's own scripts, service worker and styles (no inline code) and calls only to this gateway and
 * the clinic's OpenID Connect provider; on the API's answers ({@code /api/}, data, never a page) one that allows
 * nothing at all, so that an answer opened in a browser tab can run and load nothing.
 *
 * <p>Names and values are Netty {@code AsciiString}s made once: written to every answer, they are copied as bytes,
 * where a {@code String} went out one character at a time (the full policy alone is some 250 of them).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The patient record's printable page (session-service's export): inline styles only. */
    static final String EXPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    /** Every other answer of the API: data, never a page; opened in a tab it may run, load and frame nothing. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence FRAMING_ONLY = HttpHeaders.createOptimized("frame-ancestors 'none'");
    private static final CharSequence EXPORT = HttpHeaders.createOptimized(EXPORT_POLICY);
    private static final CharSequence API = HttpHeaders.createOptimized(API_POLICY);
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private final CharSequence appPolicy;

    SecurityHeaders(WebAppConfig web, IdentityProviderConfig identityProvider) {
        String provider = web.oidcClientId().isPresent() ? " " + origin(identityProvider.issuer()) : "";
        this.appPolicy = HttpHeaders.createOptimized("default-src 'self'; script-src 'self'; worker-src 'self'; "
                + "style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self'" + provider + "; font-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'" + provider + "; frame-ancestors 'none'");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
                headers.set(FRAME_OPTIONS, DENY);
                headers.set(REFERRER_POLICY, NO_REFERRER);
                String path = context.normalizedPath();
                // the OpenAPI UI (/swagger-ui) brings its own inline scripts; it gets framing protection only
                if (path.startsWith("/swagger-ui")) {
                    headers.set(CONTENT_SECURITY_POLICY, FRAMING_ONLY);
                } else if (path.startsWith("/api/")) {
                    boolean printable = path.startsWith("/api/v1/patients/") && path.endsWith("/export");
                    // the printable record: its own inline styles, nothing else (no script, no fetch); any other
                    // answer is data and may run, load and frame nothing
                    headers.set(CONTENT_SECURITY_POLICY, printable ? EXPORT : API);
                } else {
                    headers.set(CONTENT_SECURITY_POLICY, appPolicy);
                }
                if (path.equals("/") || path.equals("/index.html")) {
                    headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
                }
            });
            context.next();
        });
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
