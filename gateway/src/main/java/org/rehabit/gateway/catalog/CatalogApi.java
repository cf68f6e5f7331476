package org.rehabit.gateway.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The part of the catalog-service's HTTP API the gateway's composed views call (pass-through routes use
 * {@code route.Forwarder}). Answers come back raw ({@link Response}) so that
 * status, problem+json and ETags pass through unchanged; the caller's token and conditional headers are
 * propagated (see {@code propagateHeaders} in the configuration).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    @POST
    @Path("/exercises/resolve")
    Response resolve(String body);
}
