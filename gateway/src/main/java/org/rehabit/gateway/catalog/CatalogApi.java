package org.rehabit.gateway.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * The catalog-service's HTTP API as the gateway calls it. Answers come back raw ({@link Response}) so that
 * status, problem+json and ETags pass through unchanged; the caller's token and conditional headers are
 * propagated (see {@code propagateHeaders} in the configuration).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    @GET
    @Path("/exercises")
    Response search(@QueryParam("q") String q, @QueryParam("region") List<String> region,
                    @QueryParam("condition") List<String> condition, @QueryParam("position") List<String> position,
                    @QueryParam("equipment") List<String> equipment, @QueryParam("category") List<String> category,
                    @QueryParam("difficulty") List<String> difficulty, @QueryParam("page") String page,
                    @QueryParam("after") String after, @QueryParam("size") String size);

    @GET
    @Path("/exercises/{slug}")
    Response exercise(@PathParam("slug") String slug);

    @GET
    @Path("/exercises/{slug}/versions")
    Response versions(@PathParam("slug") String slug);

    @GET
    @Path("/exercises/{slug}/versions/{version}")
    Response version(@PathParam("slug") String slug, @PathParam("version") String version);

    @GET
    @Path("/exercises/{slug}/draft")
    Response draft(@PathParam("slug") String slug);

    @POST
    @Path("/exercises")
    Response create(String body);

    @PUT
    @Path("/exercises/{slug}")
    Response update(@PathParam("slug") String slug, String body);

    @POST
    @Path("/exercises/{slug}/publish")
    Response publish(@PathParam("slug") String slug);

    @POST
    @Path("/exercises/{slug}/retire")
    Response retire(@PathParam("slug") String slug);

    @POST
    @Path("/exercises/resolve")
    Response resolve(String body);

    @GET
    @Path("/conditions")
    Response conditions();

    @GET
    @Path("/conditions/{slug}")
    Response condition(@PathParam("slug") String slug);

    @GET
    @Path("/routine-templates")
    Response templates(@QueryParam("condition") String condition);

    @GET
    @Path("/routine-templates/{slug}")
    Response template(@PathParam("slug") String slug);
}
