package org.rehabit.gateway.session;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The part of the session-service's HTTP API the gateway's composed views call (pass-through routes use
 * {@code route.Forwarder}); answers come back raw so that status,
 * problem+json and headers pass through. The caller's token, conditional headers and Idempotency-Key are
 * propagated (see {@code propagateHeaders} in the configuration).
 */
@RegisterRestClient(configKey = "session")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Path("/")
public interface SessionApi {

    @GET
    @Path("patients/{id}")
    Response patient(@PathParam("id") String id);

    @GET
    @Path("patients/{id}/programs/current")
    Response currentProgram(@PathParam("id") String id);

    @GET
    @Path("patients/{id}/sessions")
    Response sessions(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                      @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("clinics/{clinicId}/summary")
    Response clinicSummary(@PathParam("clinicId") String clinicId, @QueryParam("weeks") String weeks,
                           @QueryParam("sort") String sort, @QueryParam("atRisk") String atRisk,
                           @QueryParam("q") String q, @QueryParam("assignedTo") String assignedTo,
                           @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("clinics/{clinicId}/alerts")
    Response alerts(@PathParam("clinicId") String clinicId, @QueryParam("status") String status,
                    @QueryParam("page") String page, @QueryParam("size") String size);
}
