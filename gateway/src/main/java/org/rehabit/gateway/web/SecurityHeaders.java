package org.rehabit.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.rehabit.gateway.auth.IdentityProviderConfig;

import java.net.URI;

/**
 * Headers on every gateway answer that keep browsers safe with the web app: no framing (clickjacking), no MIME
 * sniffing, no referrer leaking patient ids in URLs, and on the app's own pages a Content-Security-Policy that
 * allows only the app's own scripts, service worker and styles (no inline code) and calls only to this gateway and
 * the clinic's OpenID Connect provider.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The patient record's printable page (session-service's export): inline styles only. */
    static final String EXPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final String appPolicy;

    SecurityHeaders(WebAppConfig web, IdentityProviderConfig identityProvider) {
        String provider = web.oidcClientId().isPresent() ? " " + origin(identityProvider.issuer()) : "";
        this.appPolicy = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; "
                + "img-src 'self' data: https:; "
                + "connect-src 'self'" + provider + "; font-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'" + provider + "; frame-ancestors 'none'";
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                String path = context.normalizedPath();
                // the OpenAPI UI (/swagger-ui) brings its own inline scripts; it gets framing protection only
                if (path.startsWith("/swagger-ui")) {
                    headers.set("Content-Security-Policy", "frame-ancestors 'none'");
                } else if (path.startsWith("/api/v1/patients/") && path.endsWith("/export")) {
                    // the printable record: its own inline styles, nothing else (no script, no fetch)
                    headers.set("Content-Security-Policy", EXPORT_POLICY);
                } else {
                    headers.set("Content-Security-Policy", appPolicy);
                }
                if (path.equals("/") || path.equals("/index.html")) {
                    headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
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
