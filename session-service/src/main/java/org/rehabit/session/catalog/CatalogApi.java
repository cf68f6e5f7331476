package org.rehabit.session.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The parts of the catalog-service's HTTP API this service uses. Calls carry the caller's own bearer token
 * (see {@code propagateHeaders} in the configuration): the catalog checks it like any other.
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders
interface CatalogApi {

    @POST
    @Path("/exercises/resolve")
    CatalogExercises.Resolution resolve(CatalogExercises.ResolveRequest request);

    @GET
    @Path("/routine-templates/{slug}")
    CatalogExercises.Template template(@PathParam("slug") String slug);

    @GET
    @Path("/instruments/{slug}")
    CatalogInstruments.Instrument instrument(@PathParam("slug") String slug);

    @GET
    @Path("/instruments/{slug}/versions/{version}")
    CatalogInstruments.Instrument instrumentVersion(@PathParam("slug") String slug, @PathParam("version") int version);
}
