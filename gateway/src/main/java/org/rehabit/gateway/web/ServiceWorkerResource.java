package org.rehabit.gateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code GET /sw.js}: the web app's service worker, at the root so that its scope covers the whole app, with this
 * build's shell list and version ({@link AppShell}). {@code no-cache}: a browser asks again on every check for an
 * update, so a new version of the app reaches phones on their next visit.
 */
@Path("/sw.js")
public class ServiceWorkerResource {

    private final AppShell shell;

    public ServiceWorkerResource(AppShell shell) {
        this.shell = shell;
    }

    @GET
    @PermitAll
    @Produces("text/javascript; charset=utf-8")
    @Operation(hidden = true)
    public RestResponse<String> serviceWorker() {
        return RestResponse.ResponseBuilder.ok(shell.serviceWorker())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
