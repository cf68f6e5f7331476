package org.rehabit.session.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The parts of the catalog-service's HTTP API this service uses. */
@RegisterRestClient(configKey = "catalog")
interface CatalogApi {

    @POST
    @Path("/exercises/resolve")
    CatalogExercises.Resolution resolve(CatalogExercises.ResolveRequest request);

    @GET
    @Path("/routine-templates/{slug}")
    CatalogExercises.Template template(@PathParam("slug") String slug);
}
