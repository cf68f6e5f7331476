package org.rehabit.session.energy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** A patient's energy profile: the inputs of their calorie goal. */
@Path("/patients/{patientId}/energy-profile")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Energy and weight")
public class EnergyProfileResource {

    private final EnergyService service;
    private final CurrentCaller caller;

    public EnergyProfileResource(EnergyService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Create or replace a patient's energy profile (patients: only their own)",
            description = "Height as {\"cm\": 170.2} or {\"feet\": 5, \"inches\": 7.5} (50-272 cm); weight as "
                    + "{\"kg\": 70.3} or {\"lb\": 155} (20-400 kg); either dateOfBirth or age (13-120). Values are "
                    + "stored and read back exactly as entered, unit and digits. If-Match is optional; when sent it "
                    + "must match the profile's ETag (412 otherwise).")
    public Response put(@PathParam("patientId") UUID patientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @NotNull @Valid EnergyProfileRequest request) {
        EnergyService.Found found = service.put(caller.get(), patientId, ifMatch, request);
        return Response.ok(found.profile()).tag(EntityTag.valueOf(found.etag())).build();
    }

    @GET
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Read a patient's energy profile (404 when none was entered)")
    public Response get(@PathParam("patientId") UUID patientId) {
        EnergyService.Found found = service.get(caller.get(), patientId);
        return Response.ok(found.profile()).tag(EntityTag.valueOf(found.etag())).build();
    }
}
