package org.rehabit.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.gateway.compose.ProgramViews;

/**
 * A patient's current program with its exercises' content: composed from both services. Every other patient route
 * passes through to the session-service as the route table declares it ({@code route.Routes}).
 */
@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientApi {

    private final ProgramViews programs;

    public PatientApi(ProgramViews programs) {
        this.programs = programs;
    }

    @GET
    @Path("{id}/programs/current")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "The current program with each item's full pinned exercise content",
            description = "When the catalog is down, content comes from the gateway's cache; the answer then has "
                    + "degraded=true and a Warning header, and items the cache lacks have exercise=null.")
    public Response current(@PathParam("id") String id) {
        return programs.current(id);
    }
}
