package org.rehabit.gateway.session;

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

/**
 * The session-service's HTTP API as the gateway calls it; answers come back raw so that status,
 * problem+json and headers pass through. The caller's token, conditional headers and Idempotency-Key are
 * propagated (see {@code propagateHeaders} in the configuration).
 */
@RegisterRestClient(configKey = "session")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Path("/")
public interface SessionApi {

    @POST
    @Path("patients")
    Response registerPatient(String body);

    @GET
    @Path("patients")
    Response patients(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("patients/{id}")
    Response patient(@PathParam("id") String id);

    @PUT
    @Path("patients/{id}")
    Response updatePatient(@PathParam("id") String id, String body);

    @POST
    @Path("patients/{id}/programs")
    Response assign(@PathParam("id") String id, String body);

    @GET
    @Path("patients/{id}/programs")
    Response programs(@PathParam("id") String id);

    @GET
    @Path("patients/{id}/programs/current")
    Response currentProgram(@PathParam("id") String id);

    @POST
    @Path("patients/{id}/programs/{programId}/{action}")
    Response programAction(@PathParam("id") String id, @PathParam("programId") String programId,
                           @PathParam("action") String action);

    @POST
    @Path("patients/{id}/sessions")
    Response logSession(@PathParam("id") String id, String body);

    @GET
    @Path("patients/{id}/sessions")
    Response sessions(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                      @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("patients/{id}/progress")
    Response progress(@PathParam("id") String id, @QueryParam("weeks") String weeks);

    @PUT
    @Path("patients/{id}/energy-profile")
    Response putEnergyProfile(@PathParam("id") String id, String body);

    @GET
    @Path("patients/{id}/energy-profile")
    Response energyProfile(@PathParam("id") String id);

    @GET
    @Path("patients/{id}/energy-target")
    Response energyTarget(@PathParam("id") String id);

    @POST
    @Path("patients/{id}/weights")
    Response recordWeight(@PathParam("id") String id, String body);

    @GET
    @Path("patients/{id}/weights")
    Response weights(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("clinics/{clinicId}/summary")
    Response clinicSummary(@PathParam("clinicId") String clinicId, @QueryParam("weeks") String weeks,
                           @QueryParam("sort") String sort, @QueryParam("atRisk") String atRisk,
                           @QueryParam("q") String q, @QueryParam("page") String page,
                           @QueryParam("size") String size);

    @GET
    @Path("clinics/{clinicId}/alerts")
    Response alerts(@PathParam("clinicId") String clinicId, @QueryParam("status") String status,
                    @QueryParam("page") String page, @QueryParam("size") String size);

    @POST
    @Path("alerts/{id}/acknowledge")
    Response acknowledge(@PathParam("id") String id, String body);

    @GET
    @Path("clinics/{clinicId}/alert-settings")
    Response alertSettings(@PathParam("clinicId") String clinicId);

    @PUT
    @Path("clinics/{clinicId}/alert-settings")
    Response putAlertSettings(@PathParam("clinicId") String clinicId, String body);

    @GET
    @Path("clinics/{clinicId}/audit")
    Response audit(@PathParam("clinicId") String clinicId, @QueryParam("patientId") String patientId,
                   @QueryParam("from") String from, @QueryParam("to") String to,
                   @QueryParam("outcome") String outcome, @QueryParam("before") String before,
                   @QueryParam("size") String size);
}
